"""The office server as the Windows service RoundsmanServer (pywin32; Windows only).

The server installer (installer/windows/roundsman-server.iss) creates the service with
the command line ``"<app>\\roundsman-server.exe" --service @"<args file>"``, the args
file being C:\\ProgramData\\Roundsman\\server.args.  When Windows' service manager starts
it, ``core.server.main`` sees ``--service`` and calls ``run``, which hands the process to
the service manager (pywin32's recipe for a frozen program: Initialize,
PrepareToHostSingle, StartServiceCtrlDispatcher).  The service manager then calls
``Service.SvcRun`` in a thread of its own: it reads this process's arguments (the args
file) as ``roundsman-server`` does, opens the log file and serves until ``SvcStop`` sets
the stop event.

A failure to start is written to the log file and to the Application event log (source
RoundsmanServer), and the service stops with an error, so the recovery the installer set
(restart after a minute) applies.
"""

from __future__ import annotations

import contextlib
import io
import logging
import sys
import threading

try:
    import servicemanager
    import win32service
    import win32serviceutil
except ImportError as exc:  # not Windows, or pywin32 missing
    raise ImportError("core.server.winservice runs the office server as a Windows service; "
                      "it needs Windows and pywin32 (pip install pywin32)") from exc

from core.server import main as server_main

NAME = "RoundsmanServer"
DISPLAY_NAME = "Roundsman office server"
DESCRIPTION = ("Roundsman's office server: the workstations log in to it over HTTPS; it "
               "holds the database and takes its scheduled backups.")

# StartServiceCtrlDispatcher's error when the process was not started by the service
# manager (e.g. from a console)
ERROR_FAILED_SERVICE_CONTROLLER_CONNECT = 1063

log = logging.getLogger("roundsman.server")

_argv: list[str] = []  # this process's arguments (without the program), set by run()


class Service(win32serviceutil.ServiceFramework):
    _svc_name_ = NAME
    _svc_display_name_ = DISPLAY_NAME
    _svc_description_ = DESCRIPTION

    def __init__(self, args):
        super().__init__(args)
        self.stop = threading.Event()

    def SvcStop(self):  # noqa: N802 - pywin32's names
        # serve() gives requests running 5 seconds, then closes the database
        self.ReportServiceStatus(win32service.SERVICE_STOP_PENDING, waitHint=30_000)
        self.stop.set()

    SvcShutdown = SvcStop  # Windows shutting down: stop as cleanly

    def SvcDoRun(self):  # noqa: N802
        # SvcRun (pywin32) has reported SERVICE_RUNNING; an exception raised here stops
        # the service with an error code, which the service manager's recovery restarts.
        errors = io.StringIO()  # argparse's message (a service has no stderr)
        try:
            with contextlib.redirect_stderr(errors):
                args = server_main.parse_args(_argv)
        except SystemExit as exc:
            message = (f"{DISPLAY_NAME}: its arguments ({' '.join(_argv)}) are wrong: "
                       f"{errors.getvalue().strip()}")
            servicemanager.LogErrorMsg(message)
            raise RuntimeError(message) from exc
        path = server_main.setup_logging(args)
        if path is None:
            servicemanager.LogWarningMsg(f"{DISPLAY_NAME}: the log file "
                                         f"{server_main.log_file(args)} cannot be written")
        log.info("started by the Windows service manager as %s", NAME)
        try:
            status = server_main.serve(args, self.stop)
        except Exception as exc:
            log.exception("the service failed")
            servicemanager.LogErrorMsg(f"{DISPLAY_NAME} failed: {exc!r}; see {path}")
            raise
        if status != 0:
            message = f"{DISPLAY_NAME} stopped with exit status {status}; see {path}"
            log.error("%s", message)
            servicemanager.LogErrorMsg(message)
            raise RuntimeError(message)
        servicemanager.LogInfoMsg(f"{DISPLAY_NAME} stopped")


def run(argv: list[str] | None = None) -> int:
    """Host ``Service`` in this process for the service manager, which must have started
    it (``--service``); 2 with a message when it was started from a console."""
    global _argv
    import pywintypes

    _argv = list(sys.argv[1:] if argv is None else argv)
    servicemanager.Initialize()
    servicemanager.PrepareToHostSingle(Service)
    try:
        servicemanager.StartServiceCtrlDispatcher()  # returns once the service stopped
    except pywintypes.error as exc:
        if exc.winerror != ERROR_FAILED_SERVICE_CONTROLLER_CONNECT:
            raise
        print("roundsman-server: --service is for Windows' service manager, which starts "
              f"the service {NAME} (installed by the server installer: "
              f"sc.exe start {NAME}); from a console, run roundsman-server without "
              "--service", file=sys.stderr)
        return 2
    return 0
