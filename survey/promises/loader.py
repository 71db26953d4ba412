"""Reading and validating promise files (TOML), with errors that name file, key and problem."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from survey.campaign import Campaign
from survey.data_files import load_folder, parse_toml, read_text
from survey.loader import LANGUAGE_PATTERN, CampaignError, _Reader
from survey.promises.promise import STATUSES, Activity, Focus, FollowUp, Party, Promise, Update

TOP_KEYS = {
    "id",
    "languages",
    "campaigns",
    "valid_from",
    "valid_until",
    "until_replaced",
    "replaces",
    "published",
    "title",
    "situation",
    "parties",
    "goals",
    "focus",
    "activities",
    "followup",
}
ACTIVITY_KEYS = {
    "id",
    "text",
    "responsible",
    "roles",
    "areas",
    "status",
    "updates",
    "starts",
    "ends",
    "zones",
}
FOLLOWUP_KEYS = {"planned", "channels", "text", "done", "published"}


class PromiseError(CampaignError):
    """A promise file that cannot be used; names the file, the key and the problem."""


class _PromiseReader(_Reader):
    """Checks one parsed promise file."""

    def fail(self, key: str, problem: str) -> PromiseError:
        return PromiseError(self.source, key, problem)

    def table(self, value: Any, path: str, allowed: set[str]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(path, "must be a table")
        self.unknown_keys(value, allowed, path)
        return value

    def tables(self, key: str, path: str, allowed: set[str], table=None) -> list[dict]:
        raw = self.require(table if table is not None else self.data, key, path, list)
        return [self.table(item, f"{path}[{i}]", allowed) for i, item in enumerate(raw)]

    def day(self, table: dict[str, Any], key: str, path: str, required: bool = True):
        if key not in table and not required:
            return None
        value = self.require(table, key, path, date)
        if isinstance(value, datetime):
            raise self.fail(path, "must be a date (YYYY-MM-DD), not a date and time")
        return value

    def ids(self, table: dict[str, Any], key: str, path: str) -> tuple[str, ...]:
        values = self.require(table, key, path, list)
        return tuple(self.ident(v, f"{path}[{i}]") for i, v in enumerate(values))

    def promise(self) -> Promise:
        data = self.data
        self.unknown_keys(data, TOP_KEYS, "")
        promise_id = self.ident(self.require(data, "id", "id", str), "id")
        languages = self.require(data, "languages", "languages", list)
        if not languages:
            raise self.fail("languages", "must name at least one language")
        for index, lang in enumerate(languages):
            if not isinstance(lang, str) or not LANGUAGE_PATTERN.match(lang):
                raise self.fail(f"languages[{index}]", f"{lang!r} is not a language code")
        if len(set(languages)) != len(languages):
            raise self.fail("languages", "lists a language twice")
        self.languages = tuple(languages)
        campaigns = self.ids(data, "campaigns", "campaigns")
        if not campaigns:
            raise self.fail("campaigns", "must name the campaign the promise follows")
        valid_from = self.day(data, "valid_from", "valid_from")
        valid_until = self.day(data, "valid_until", "valid_until", required=False)
        if valid_until is not None and valid_until < valid_from:
            raise self.fail("valid_until", "is before valid_from")
        until_replaced = data.get("until_replaced", False)
        if not isinstance(until_replaced, bool):
            raise self.fail("until_replaced", "must be true or false")
        parties = []
        for i, table in enumerate(self.tables("parties", "parties", {"id", "name"})):
            path = f"parties[{i}]"
            party_id = self.ident(self.require(table, "id", f"{path}.id", str), f"{path}.id")
            parties.append(Party(party_id, self.text(table, "name", f"{path}.name")))
        if not parties:
            raise self.fail("parties", "must name at least one party")
        self.unique(parties, "parties")
        goals = tuple(
            self.text({"goal": g}, "goal", f"goals[{i}]")
            for i, g in enumerate(self.require(data, "goals", "goals", list))
        )
        activities = self.activities({p.id for p in parties})
        return Promise(
            id=promise_id,
            languages=self.languages,
            campaigns=campaigns,
            title=self.text(data, "title", "title"),
            parties=tuple(parties),
            goals=goals,
            activities=activities,
            valid_from=valid_from,
            valid_until=valid_until,
            until_replaced=until_replaced,
            replaces=self.replaces(data, promise_id),
            published=self.day(data, "published", "published", required=False),
            situation=self.text(data, "situation", "situation") if "situation" in data else None,
            focus=self.focus(campaigns),
            followup=self.followup({a.id for a in activities}),
        )

    def replaces(self, data: dict, promise_id: str) -> tuple[str, ...]:
        """The ids of the earlier promises this one replaces (none unless given)."""
        replaced = self.ids(data, "replaces", "replaces") if "replaces" in data else ()
        if promise_id in replaced:
            raise self.fail("replaces", "names the promise itself")
        return replaced

    def activities(self, party_ids: set[str]) -> tuple[Activity, ...]:
        found = []
        for i, table in enumerate(self.tables("activities", "activities", ACTIVITY_KEYS)):
            path = f"activities[{i}]"
            responsible = self.ids(table, "responsible", f"{path}.responsible")
            if not responsible:
                raise self.fail(f"{path}.responsible", "must name at least one party")
            for j, party in enumerate(responsible):
                if party not in party_ids:
                    raise self.fail(f"{path}.responsible[{j}]", f"{party!r} is not a party")
            roles = self.table(table.get("roles", {}), f"{path}.roles", set(responsible))
            status = table.get("status", "planned")
            if status not in STATUSES:
                raise self.fail(f"{path}.status", f"must be one of {', '.join(STATUSES)}")
            activity = Activity(
                id=self.ident(self.require(table, "id", f"{path}.id", str), f"{path}.id"),
                text=self.text(table, "text", f"{path}.text"),
                responsible=responsible,
                areas=self.ids(table, "areas", f"{path}.areas") if "areas" in table else (),
                zones=self.ids(table, "zones", f"{path}.zones") if "zones" in table else (),
                status=status,
                roles={p: self.text(roles, p, f"{path}.roles.{p}") for p in roles},
                updates=self.updates(table, path),
                starts=self.day(table, "starts", f"{path}.starts", required=False),
                ends=self.day(table, "ends", f"{path}.ends", required=False),
            )
            if activity.lacks_reason():
                raise self.fail(
                    f"{path}.status",
                    f"{status!r} needs a public update with that status that says why",
                )
            found.append(activity)
        if not found:
            raise self.fail("activities", "must list at least one activity")
        self.unique(found, "activities")
        return tuple(found)

    def updates(self, activity: dict[str, Any], path: str) -> tuple[Update, ...]:
        found = []
        keys = {"date", "status", "text", "public"}
        for i, table in enumerate(
            self.tables("updates", f"{path}.updates", keys, activity)
            if "updates" in activity
            else []
        ):
            u_path = f"{path}.updates[{i}]"
            status = self.require(table, "status", f"{u_path}.status", str)
            if status not in STATUSES:
                raise self.fail(f"{u_path}.status", f"must be one of {', '.join(STATUSES)}")
            public = table.get("public", True)
            if not isinstance(public, bool):
                raise self.fail(f"{u_path}.public", "must be true or false")
            found.append(
                Update(
                    self.day(table, "date", f"{u_path}.date"),
                    status,
                    self.text(table, "text", f"{u_path}.text"),
                    public,
                )
            )
        return tuple(found)

    def focus(self, campaigns: tuple[str, ...]) -> tuple[Focus, ...]:
        if "focus" not in self.data:
            return ()
        found = []
        for i, table in enumerate(
            self.tables("focus", "focus", {"campaign", "area", "rank", "votes"})
        ):
            path = f"focus[{i}]"
            campaign = self.ident(table.get("campaign", campaigns[0]), f"{path}.campaign")
            if campaign not in campaigns:
                raise self.fail(f"{path}.campaign", f"{campaign!r} is not one of campaigns")
            rank = self.require(table, "rank", f"{path}.rank", int)
            votes = self.require(table, "votes", f"{path}.votes", int) if "votes" in table else None
            if rank < 1 or (votes is not None and votes < 0):
                raise self.fail(path, "rank must be 1 or more, votes 0 or more")
            area = self.ident(self.require(table, "area", f"{path}.area", str), f"{path}.area")
            found.append(Focus(campaign, area, rank, votes))
        return tuple(found)

    def followup(self, activity_ids: set[str]) -> FollowUp | None:
        if "followup" not in self.data:
            return None
        table = self.table(self.data["followup"], "followup", FOLLOWUP_KEYS)
        done = self.table(table.get("done", {}), "followup.done", activity_ids)
        published = table.get("published")
        if published is not None and not isinstance(published, date):
            raise self.fail("followup.published", "must be a date or a date and time")
        if published is not None and "text" not in table:
            raise self.fail(
                "followup.text", "is missing (a published follow-up says what was done)"
            )
        if isinstance(published, date) and not isinstance(published, datetime):
            published = datetime(published.year, published.month, published.day)
        return FollowUp(
            planned=self.day(table, "planned", "followup.planned"),
            channels=self.text(table, "channels", "followup.channels"),
            text=self.text(table, "text", "followup.text") if "text" in table else None,
            done={a: self.text(done, a, f"followup.done.{a}") for a in done},
            published_at=published,
        )


def parse_promise(text: str, source: str = "<promise>") -> Promise:
    """Parse and validate the TOML text of one promise file."""
    return _PromiseReader(source, parse_toml(text, source, PromiseError)).promise()


def load_promise(path: Path | str) -> Promise:
    """Read and validate one promise file."""
    path = Path(path)
    return parse_promise(read_text(path, PromiseError), path.name)


def load_promises(directory: Path | str) -> dict[str, Promise]:
    """Read every `*.toml` in a directory; ids must be unique. Keyed by promise id."""
    return load_folder(directory, load_promise, PromiseError)


def check_links(promise: Promise, campaigns: Mapping[str, Campaign], source: str) -> None:
    """The campaigns, areas and zones a promise names must exist: an activity's zones are
    zones of the map of the campaign the promise follows (its first)."""
    for i, campaign_id in enumerate(promise.campaigns):
        if campaign_id not in campaigns:
            raise PromiseError(source, f"campaigns[{i}]", f"no campaign {campaign_id!r}")
    known = {area.id for c in promise.campaigns for area in campaigns[c].areas}
    for i, activity in enumerate(promise.activities):
        for j, area in enumerate(activity.areas):
            if area not in known:
                raise PromiseError(
                    source, f"activities[{i}].areas[{j}]", f"{area!r} is not an area of campaigns"
                )
    area_map = campaigns[promise.campaign].map
    zones = {zone.id for zone in area_map.zones} if area_map else set()
    for i, activity in enumerate(promise.activities):
        for j, zone in enumerate(activity.zones):
            if area_map is None:
                problem = f"{promise.campaign!r} has no map to name zones of"
                raise PromiseError(source, f"activities[{i}].zones", problem)
            if zone not in zones:
                problem = f"{zone!r} is not a zone of the map of {promise.campaign!r}"
                raise PromiseError(source, f"activities[{i}].zones[{j}]", problem)
    for i, focus in enumerate(promise.focus):
        if campaigns[focus.campaign].area(focus.area) is None:
            raise PromiseError(source, f"focus[{i}].area", f"{focus.area!r} is not an area")
