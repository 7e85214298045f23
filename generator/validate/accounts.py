"""GitHub accounts as a profile's `maintainers` and site.yaml's `staff` name them: `login` or `login#id`.

A login is only a name: when its owner renames or deletes the account, anyone may register the name again and would
then pass as that company's maintainer. The account's numeric id (`login#12345678`) never changes hands, so an entry
that carries it is matched by the id alone (the login may change); an entry without one is matched by its login, and
the check asks for the id to be added.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

LOGIN = r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}"
ENTRY = re.compile(rf"(?P<login>{LOGIN})(?:#(?P<id>[1-9][0-9]{{0,11}}))?\Z")
ACCOUNT_ID = re.compile(r"[1-9][0-9]{0,11}\Z")
LOGIN_ONLY = re.compile(rf"{LOGIN}\Z")


@dataclass(frozen=True)
class Account:
    """One entry: a login, and the numeric id that pins it to one person (None when not recorded)."""
    login: str
    id: int | None = None

    def __str__(self) -> str:
        return self.login if self.id is None else f"{self.login}#{self.id}"


def entries(value: object) -> list[Account]:
    """The well-formed accounts of a `maintainers` or `staff` list (anything else is the schema's to report)."""
    found = []
    for item in value if isinstance(value, list) else []:
        match = ENTRY.match(str(item)) if isinstance(item, str) else None
        if match:
            found.append(Account(match["login"], int(match["id"]) if match["id"] else None))
    return found


def matching(accounts: list[Account], login: str, account_id: int | None) -> Account | None:
    """The entry the author is, or None: by id where the entry records one and the author's id is known, else by
    login (case-insensitive, as GitHub treats logins)."""
    for entry in accounts:
        if entry.id is not None and account_id is not None:
            if entry.id == account_id:
                return entry
        elif entry.login.casefold() == login.casefold():
            return entry
    return None


def impostor(accounts: list[Account], login: str, account_id: int | None) -> Account | None:
    """An entry with the author's login but another account's id: the name was registered again by someone else."""
    if account_id is None:
        return None
    return next((e for e in accounts if e.id is not None and e.id != account_id
                 and e.login.casefold() == login.casefold()), None)
