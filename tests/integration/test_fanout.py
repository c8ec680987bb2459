"""Server processes serving one PostgreSQL database tell each other what they committed."""

import queue

import pytest

from core.changes import Changes
from core.db import make_engine
from core.server.fanout import LIMIT, Fanout

pytestmark = pytest.mark.postgresql


@pytest.fixture
def pg_url(request, pg_server, pg_template):
    name = "fanout_test"
    pg_server.create_database(name, template=pg_template)
    yield pg_server.url(name)
    pg_server.drop_database(name)


def test_a_change_set_reaches_the_other_process_and_not_its_sender(pg_url):
    engine = make_engine(pg_url)
    got_a, got_b = queue.Queue(), queue.Queue()
    a, b = Fanout(engine, got_a.put), Fanout(engine, got_b.put)
    try:
        sent = Changes.of(orders=[12, 13], customers=[7])
        a.send(sent)
        assert got_b.get(timeout=10) == sent
        with pytest.raises(queue.Empty):
            got_a.get(timeout=1.5)
        many = Changes.of(orders=range(5000))  # more than a notice holds
        a.send(many)
        received = got_b.get(timeout=10)
        assert received.touches("orders", 4999) and received.whole == {"orders"}
        assert len(str(received)) < LIMIT
    finally:
        a.close()
        b.close()
        engine.dispose()
