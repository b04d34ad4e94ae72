"""The jobs the apps declare are real commands with arguments those commands accept."""

from django.core.management import get_commands, load_command_class

from kyoso.core.schedule import jobs


def test_the_apps_declare_their_time_based_work():
    assert {job.name for job in jobs()} >= {
        "notifications.daily_digest",
        "notifications.weekly_digest",
        "notifications.held_mail",
        "events.reminders",
        "missions.close_expired",
        "search.optimize_index",
        "hubs.reminders",
        "concierge.followup_reminders",
        "matching.rebuild_profiles",
        "ledger.check",
    }


def test_every_job_is_a_command_that_accepts_its_arguments():
    commands = get_commands()
    for job in jobs():
        assert job.command in commands, job.name
        command = load_command_class(commands[job.command], job.command)
        command.create_parser("kyoso", job.command).parse_args(list(job.args))  # exits if not
