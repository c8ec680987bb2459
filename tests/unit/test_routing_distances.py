"""Great-circle distances and travel times, and the choice between them and a routing server."""

import pytest

from core.routing import distances
from core.routing.distances import Point, great_circle_matrix, haversine_m, matrix_for

TAIPEI = Point(25.0330, 121.5654)  # Taipei 101
KAOHSIUNG = Point(22.6273, 120.3014)  # Kaohsiung city hall area
TAICHUNG = Point(24.15, 120.67)


def test_taipei_to_kaohsiung_is_about_297_km_in_a_straight_line():
    assert haversine_m(TAIPEI, KAOHSIUNG) == pytest.approx(297_000, rel=0.005)


def test_one_degree_of_latitude_is_111_km():
    assert haversine_m(Point(0, 0), Point(1, 0)) == pytest.approx(111_195, abs=1)
    assert haversine_m(Point(60, 10), Point(60, 11)) == pytest.approx(111_195 / 2, rel=0.002)


def test_road_distance_is_the_straight_line_times_the_road_factor_driven_at_the_speed():
    m = great_circle_matrix([TAIPEI, KAOHSIUNG], road_factor=1.3, speed_kmh=60)
    road = haversine_m(TAIPEI, KAOHSIUNG) * 1.3
    assert m.distance_m[0][1] == round(road) == pytest.approx(386_000, rel=0.005)
    assert m.duration_s[0][1] == round(road / (60 / 3.6))  # about 6 h 26 min
    assert 6 * 3600 < m.duration_s[0][1] < 6.5 * 3600


def test_the_matrix_is_integer_symmetric_with_a_zero_diagonal():
    points = [TAIPEI, KAOHSIUNG, TAICHUNG, Point(24.16, 120.68)]
    m = great_circle_matrix(points)
    assert len(m) == 4
    for i in range(4):
        assert m.distance_m[i][i] == m.duration_s[i][i] == 0
        for j in range(4):
            assert isinstance(m.distance_m[i][j], int) and isinstance(m.duration_s[i][j], int)
            assert m.distance_m[i][j] == m.distance_m[j][i]
    # the defaults: 1.3 and 30 km/h
    assert m.distance_m[2][3] == round(haversine_m(points[2], points[3]) * 1.3)
    assert m.duration_s[2][3] == round(m.distance_m[2][3] / (30 / 3.6))


def test_a_road_factor_or_speed_that_is_not_positive_is_refused():
    with pytest.raises(ValueError):
        great_circle_matrix([TAIPEI], road_factor=0)
    with pytest.raises(ValueError):
        great_circle_matrix([TAIPEI], speed_kmh=-1)


def test_without_a_server_address_the_great_circle_matrix_is_used(monkeypatch):
    def no_server(*args, **kwargs):
        raise AssertionError("no server should be asked")

    monkeypatch.setattr(distances.OsrmClient, "matrix", no_server)
    for url in (None, "", "   "):
        m = matrix_for([TAIPEI, KAOHSIUNG], osrm_url=url, road_factor=1.5, speed_kmh=40)
        assert m == great_circle_matrix([TAIPEI, KAOHSIUNG], 1.5, 40)


def test_with_a_server_address_the_server_is_asked(monkeypatch):
    asked = []
    monkeypatch.setattr(distances.OsrmClient, "matrix",
                        lambda self, points: asked.append(self.base_url) or "from server")
    assert matrix_for([TAIPEI], osrm_url=" http://maps.local:5000/ ", road_factor=1.3,
                      speed_kmh=30) == "from server"
    assert asked == ["http://maps.local:5000"]
