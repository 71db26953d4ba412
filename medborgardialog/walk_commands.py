"""`medborgardialog walks create|status|publish|unpublish|close|new-key`: a promise's safety
walks from the command line, every change in the audit log as done by `cli`."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, date, datetime

from medborgardialog.campaign_commands import known_campaigns
from medborgardialog.command_base import CommandError, add_common
from medborgardialog.settings import Settings
from survey.promises.walks import MAX_TITLE, STATUSES, Walk


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def add_walk_commands(commands) -> None:
    """Add `walks …` to the CLI's subcommands."""
    parser = commands.add_parser("walks", help="safety walks (trygghetsvandringar) of a promise")
    actions = parser.add_subparsers(dest="walks_command", required=True, metavar="ACTION")
    create = actions.add_parser(
        "create", help="make a walk for a promise's activity; prints its participants' link"
    )
    add_common(create)
    create.add_argument("--promise", required=True, help="promise id")
    create.add_argument("--activity", required=True, help="activity id in the promise")
    create.add_argument("--date", required=True, type=_day, help="the day of the walk")
    create.add_argument("--title", required=True, help="what the walk is called")
    create.add_argument("--meeting-point", help="where the walk starts")
    create.add_argument("--json", action="store_true", help='one line {"id", "key", "link"}')
    status = actions.add_parser("status", help="set a place's status (rejected needs --reason)")
    status.add_argument("walk", help="walk id")
    status.add_argument("point", help="point id")
    status.add_argument(
        "--status", required=True, choices=STATUSES, help="new, planned, fixed or rejected"
    )
    status.add_argument("--responsible", help="a party of the promise, or another body by name")
    status.add_argument("--reason", help="the public reason (required for rejected)")
    add_common(status)
    for name, text in (
        ("publish", "publish the walk at /p/PROMISE/walks/WALK"),
        ("unpublish", "take the published walk down again"),
        ("close", "stop taking points from participants"),
        ("open", "take points again"),
        ("new-key", "a new participants' key and link; the old one stops working"),
    ):
        action = actions.add_parser(name, help=text)
        action.add_argument("walk", help="walk id")
        add_common(action)
        if name == "new-key":
            action.add_argument("--json", action="store_true", help="one line of JSON")


def participants_link(settings: Settings, walk_id: str, key: str) -> str:
    """`/w/{walk}/?k={key}`, absolute when MEDBORGARDIALOG_PUBLIC_URL is set."""
    path = f"/w/{walk_id}/?k={key}"
    return (settings.public_url or "").rstrip("/") + path


def _print_link(args: argparse.Namespace, settings: Settings, walk_id: str, key: str) -> None:
    link = participants_link(settings, walk_id, key)
    if args.json:
        print(json.dumps({"id": walk_id, "key": key, "link": link}))
    else:
        print(walk_id)
        print(link)


def cmd_walks(args: argparse.Namespace) -> int:
    from storage import open_database
    from storage import walks as store
    from storage.connection import immediate

    settings = Settings.from_env(db=args.db, campaigns_dir=args.campaigns_dir)
    now = datetime.now(UTC)
    if args.walks_command == "create":
        return create_walk(args, settings, now)
    db = open_database(settings.db)
    try:
        with immediate(db):
            walk = store.get_walk(db, args.walk)
            if walk is None:
                raise CommandError(f"no walk {args.walk!r}")
            command = args.walks_command
            if command == "status":
                try:
                    store.set_point_status(
                        db,
                        walk,
                        args.point,
                        args.status,
                        responsible=args.responsible,
                        reason=args.reason,
                        actor="cli",
                        now=now,
                    )
                except store.NoSuchPoint:
                    raise CommandError(f"walk {walk.id} has no point {args.point!r}") from None
                message = f"{walk.id} {args.point}: {args.status}"
            elif command in ("publish", "unpublish"):
                done = store.set_published(db, walk, command == "publish", actor="cli", now=now)
                message = f"{walk.id}: {command}ed" if done else f"{walk.id}: already {command}ed"
            elif command in ("close", "open"):
                store.set_open(db, walk, command == "open", actor="cli", now=now)
                message = f"{walk.id}: {'open' if command == 'open' else 'closed'}"
            else:
                key = store.new_key()
                store.replace_key(db, walk, key, actor="cli", now=now)
                message = None
    finally:
        db.conn.close()
    if message is None:
        _print_link(args, settings, walk.id, key)
    else:
        print(message)
    return 0


def create_walk(args: argparse.Namespace, settings: Settings, now: datetime) -> int:
    """Make the walk and print its id and the participants' link (the key is shown once)."""
    from storage import open_database
    from storage import walks as store
    from storage.connection import immediate
    from storage.promises import get_promise

    title = " ".join(args.title.split())
    if not title or len(title) > MAX_TITLE:
        raise CommandError(f"the title must be 1 to {MAX_TITLE} characters")
    campaigns = known_campaigns(settings)
    db = open_database(settings.db)
    try:
        with immediate(db):
            stored = get_promise(db, args.promise)
            if stored is None:
                raise CommandError(f"no promise {args.promise!r} in {settings.db}")
            promise = stored.promise
            if promise.activity(args.activity) is None:
                known = ", ".join(a.id for a in promise.activities)
                raise CommandError(
                    f"promise {promise.id} has no activity {args.activity!r} ({known})"
                )
            campaign = campaigns.get(promise.campaign)
            if campaign is None or campaign.map is None:
                raise CommandError(
                    f"campaign {promise.campaign!r} of promise {promise.id} has no [map]: "
                    "a walk marks its places on the campaign's map"
                )
            walk = Walk(
                id=store.new_walk_id(),
                promise=promise.id,
                activity=args.activity,
                campaign=campaign.id,
                date=args.date,
                title=title,
                meeting_point=" ".join((args.meeting_point or "").split()) or None,
            )
            key = store.new_key()
            store.create_walk(db, walk, key, actor="cli", now=now)
    finally:
        db.conn.close()
    _print_link(args, settings, walk.id, key)
    return 0
