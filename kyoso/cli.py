"""The ``kyoso`` command: run, serve and look after a Kyoso site."""

from __future__ import annotations

import os
import sys

import click

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kyoso.settings")
    import django

    django.setup()


def _call(name: str, *args: str, **options) -> None:
    _setup_django()
    from django.core.management import CommandError, call_command

    try:
        call_command(name, *args, **options)
    except CommandError as error:
        raise click.ClickException(str(error)) from error


def _gunicorn(host: str, port: int, workers: int, threads: int) -> None:
    from django.conf import settings
    from gunicorn.app.wsgiapp import run

    sys.argv = [
        "gunicorn",
        "kyoso.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--access-logfile",
        "-",
        "--forwarded-allow-ips",
        # the proxies Kyoso reads the client's address behind (FORWARDED_ALLOW_IPS, checked)
        ",".join(settings.KYOSO_TRUSTED_PROXIES),
    ]
    run()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Kyoso (共創): a Japanese-first platform for regional co-creation."""


@main.command()
@click.option("--host", default=DEFAULT_HOST, show_default=True)
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=int)
def demo(host: str, port: int) -> None:
    """Migrate, load demo data, print the logins, serve on :8000."""
    _setup_django()
    from django.conf import settings
    from django.core.management import call_command

    from kyoso.demo.services import demo_load

    if settings.PRODUCTION:
        raise click.ClickException("`kyoso demo` does not run in production mode.")
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    result = demo_load()
    click.echo("")
    click.echo(f"Kyoso demo: http://{host}:{port}/")
    click.echo(f"デモ用パスワード / demo password: {result.password}")
    for label, email in result.logins:
        click.echo(f"  {label}: {email}")
    click.echo("")
    _start_scheduler_process()
    _gunicorn(host, port, workers=2, threads=4)


def _start_scheduler_process() -> None:
    """The demo runs its scheduled jobs (reminders, digests, …) in a child process that ends
    with the demo: stopped at exit, and it stops by itself if the demo is killed."""
    import atexit
    import subprocess

    child = subprocess.Popen(  # noqa: S603 (fixed arguments: this Python, this package)
        [sys.executable, "-m", "kyoso", "scheduler", "--parent", str(os.getpid())]
    )
    atexit.register(child.terminate)


@main.command()
@click.option("--host", default=DEFAULT_HOST, show_default=True)
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=int)
@click.option("--workers", default=2, show_default=True, type=int)
@click.option("--threads", default=4, show_default=True, type=int)
def serve(host: str, port: int, workers: int, threads: int) -> None:
    """Serve the site with gunicorn."""
    _setup_django()
    _gunicorn(host, port, workers, threads)


@main.command("load-demo")
def load_demo() -> None:
    """Load the demo region (idempotent)."""
    _call("load_demo")


@main.command()
@click.option("--email", prompt=True)
@click.option("--display-name", default="管理者", show_default=True)
@click.password_option()
def createadmin(email: str, display_name: str, password: str) -> None:
    """Create an administrator (secretariat staff)."""
    _setup_django()
    from kyoso.accounts.services.admin import admin_create

    try:
        user = admin_create(email=email, display_name=display_name, password=password)
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Created {user.email}")


@main.command(context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def worker(args: tuple[str, ...]) -> None:
    """Run the background task worker, and the scheduled jobs beside it.

    ``--no-scheduler`` leaves the scheduled jobs to another worker or to cron; any other
    argument goes to django-tasks' ``db_worker``. Several workers may run the schedule: each
    job's slot is claimed once (kyoso/scheduler)."""
    import threading

    _setup_django()
    from kyoso.scheduler.tasks import beat_forever, new_worker_id

    rest = [arg for arg in args if arg != "--no-scheduler"]
    stop = threading.Event()
    if len(rest) == len(args):
        from kyoso.scheduler.services import run_forever

        thread = threading.Thread(target=run_forever, args=(stop,), name="scheduler", daemon=True)
        thread.start()
    # The worker's name and heartbeat: a task it holds when it dies is requeued
    # (kyoso/scheduler/tasks.py).
    worker_id = next(
        (a.split("=", 1)[1] for a in rest if a.startswith("--worker-id=")), None
    ) or next((rest[i + 1] for i, a in enumerate(rest[:-1]) if a == "--worker-id"), None)
    if worker_id is None:
        worker_id = new_worker_id()
        rest = [*rest, "--worker-id", worker_id]
    threading.Thread(
        target=beat_forever, args=(worker_id, stop), name="heartbeat", daemon=True
    ).start()
    from django.core.management import CommandError

    from kyoso.scheduler.tasks import run_worker

    try:
        run_worker(rest)
    except CommandError as error:
        raise click.ClickException(str(error)) from error


@main.command()
@click.option("--interval", default=30.0, show_default=True, type=float)
@click.option("--parent", type=int, default=None, hidden=True)
def scheduler(interval: float, parent: int | None) -> None:
    """Run the scheduled jobs on time, without the task worker (`kyoso demo` starts one)."""
    import signal
    import threading

    _setup_django()
    from kyoso.scheduler.services import run_forever

    stop = threading.Event()
    for name in ("SIGTERM", "SIGINT"):
        signal.signal(getattr(signal, name), lambda *_: stop.set())
    if parent is not None:  # end with the process that started us, however it ended

        def watch() -> None:
            while not stop.wait(2.0):
                if os.getppid() != parent:
                    stop.set()

        threading.Thread(target=watch, name="parent-watch", daemon=True).start()
    run_forever(stop, interval=interval)


@main.command()
@click.argument("path")
def backup(path: str) -> None:
    """Back up the database and uploads to one file."""
    _call("backup", path)


@main.command()
@click.argument("path")
@click.option("--force", is_flag=True, help="Restore over a database that has data.")
def restore(path: str, force: bool) -> None:
    """Restore a `kyoso backup` archive."""
    _call("restore", path, force=force)


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Run a Django management command."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kyoso.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["kyoso manage", *args])


if __name__ == "__main__":
    main()
