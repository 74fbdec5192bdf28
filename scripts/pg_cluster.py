"""A throwaway PostgreSQL server for the tests: made in a temporary folder, reached on a Unix socket.

    python scripts/pg_cluster.py start [--dir DIR]   # prints the URL; the server keeps running
    python scripts/pg_cluster.py stop DIR            # stops it and deletes DIR
    python scripts/pg_cluster.py run -- CMD ARGS...  # start, run CMD with SERVICECOMMUNITY_TEST_PG set, stop

``run`` is what ``make test`` uses: the server is stopped and its folder deleted whatever CMD does,
and CMD's exit status is the script's. Without PostgreSQL's programs on this machine ``run`` runs
CMD without a server (the tests that need one skip, saying why), unless ``CI`` is set: then it
fails, because CI must test against a real server.

The server listens on no TCP port, only on a socket in the temporary folder, trusts whoever can
reach that socket (only this machine's users who can open the folder), and keeps nothing on the
disk's cache (``fsync=off``): it is for tests, never for data. PostgreSQL refuses to run as root
(``initdb`` says so), so as root (a CI container) the cluster belongs to the ``postgres`` user
that the system's PostgreSQL package makes (or ``$PG_CLUSTER_USER``), and its programs run as
that user through ``runuser``, as the Debian packages' own ``pg_ctlcluster`` does.
"""

from __future__ import annotations

import argparse
import glob
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

ENV_URL = "SERVICECOMMUNITY_TEST_PG"
SUPERUSER = "postgres"
DATABASE = "postgres"


class ClusterError(Exception):
    """Why no server could be started, in one sentence."""


def bin_dir() -> Path | None:
    """Where ``initdb`` and ``pg_ctl`` are: on the PATH, else the newest /usr/lib/postgresql/N/bin."""
    env = os.environ.get("PG_BIN")
    if env:
        return Path(env) if (Path(env) / "initdb").exists() else None
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(os.path.realpath(found)).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
                      key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0)
    return Path(versions[-1]).parent if versions else None


def _owner() -> str | None:
    """The user the server runs as when we are root; None: as ourselves."""
    if os.geteuid() != 0:
        return None
    name = os.environ.get("PG_CLUSTER_USER", "postgres")
    try:
        pwd.getpwnam(name)
    except KeyError:
        raise ClusterError(
            f"PostgreSQL cannot run as root and there is no '{name}' user to run it as; "
            "install the postgresql package (it makes one) or set PG_CLUSTER_USER."
        ) from None
    return name


def _as_owner(owner: str | None, argv: list[str]) -> list[str]:
    if owner is None:
        return argv
    if shutil.which("runuser"):
        return ["runuser", "-u", owner, "--", *argv]
    return ["su", owner, "-s", "/bin/sh", "-c", " ".join(_quote(a) for a in argv)]


def _quote(arg: str) -> str:
    return "'" + arg.replace("'", "'\\''") + "'"


def _run(argv: list[str], what: str) -> None:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise ClusterError(f"{what} could not be started: {exc}") from exc
    if done.returncode != 0:
        raise ClusterError(f"{what} failed ({done.returncode}): {(done.stderr or done.stdout).strip()[-800:]}")


def url_for(folder: Path) -> str:
    return f"postgresql+psycopg://{SUPERUSER}@/{DATABASE}?host={folder}"


def start(folder: Path | None = None) -> tuple[Path, str]:
    """Make and start a cluster in ``folder`` (a new temporary one if None); return it and its URL."""
    bindir = bin_dir()
    if bindir is None:
        raise ClusterError("PostgreSQL's programs (initdb, pg_ctl) are not installed on this machine.")
    owner = _owner()
    folder = Path(folder or tempfile.mkdtemp(prefix="sc-pg-")).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    if owner is not None:
        entry = pwd.getpwnam(owner)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    folder.chmod(0o700)  # the socket and the data: nobody else's business
    data = folder / "data"
    try:
        _run(_as_owner(owner, [str(bindir / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust",
                               "--encoding=UTF8", "--locale=C", "--no-sync"]), "initdb")
        options = f"-k {folder} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        _run(_as_owner(owner, [str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "server.log"),
                               "-w", "-t", "60", "start"]), "pg_ctl start")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder, url_for(folder)


def stop(folder: Path) -> None:
    """Stop the cluster in ``folder`` (if it runs) and delete the folder."""
    bindir = bin_dir()
    data = folder / "data"
    try:
        if bindir is not None and (data / "postmaster.pid").exists():
            owner = _owner()
            subprocess.run(_as_owner(owner, [str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
                           capture_output=True, check=False)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def run(command: list[str]) -> int:
    """Run ``command`` with a server for it (see the module docstring); return its exit status."""
    if not command:
        print("pg_cluster run: give a command after --", file=sys.stderr)
        return 2
    try:
        folder, url = start()
    except ClusterError as exc:
        if in_ci():
            print(f"pg_cluster: {exc} CI must test against PostgreSQL.", file=sys.stderr)
            return 1
        print(f"pg_cluster: {exc} The tests that need PostgreSQL will be skipped.", file=sys.stderr)
        return subprocess.call(command)
    print(f"pg_cluster: PostgreSQL for the tests at {url}", file=sys.stderr)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # a CI runner's stop: still stop the server
    try:
        return subprocess.call(command, env={**os.environ, ENV_URL: url})
    finally:
        stop(folder)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="action", required=True)
    p_start = sub.add_parser("start", help="make and start a cluster; print its URL")
    p_start.add_argument("--dir", type=Path, help="the folder to make it in (default: a new temporary one)")
    p_stop = sub.add_parser("stop", help="stop the cluster in DIR and delete DIR")
    p_stop.add_argument("dir", type=Path)
    p_run = sub.add_parser("run", help="run a command with a cluster, then stop it")
    p_run.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    if args.action == "run":
        command = args.command[1:] if args.command[:1] == ["--"] else args.command
        return run(command)
    try:
        if args.action == "start":
            folder, url = start(args.dir)
            print(url)
            print(f"stop it with: python {sys.argv[0]} stop {folder}", file=sys.stderr)
        else:
            stop(args.dir)
    except ClusterError as exc:
        print(f"pg_cluster: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
