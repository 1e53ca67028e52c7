"""Accounts of `kit hub`: the county office sets each person's password (`kit hub --set-password`).

The accounts are nativeauthenticator's (its table in the hub's SQLite, bcrypt hashes), written
through its own `create_user` / `change_password`, so the hub checks them exactly as if the person
had signed up. Only names in the roster get an account; sign-up from the web is off, so nobody
can take a clerk's name before the clerk does.
"""

from __future__ import annotations

from pathlib import Path

from kit.errors import KitError
from kit.messages import server as say
from kit.server.hubconfig import HubSettings
from kit.server.roster import load_roster


def set_password(settings: HubSettings, username: str, password: str) -> str:
    """Create or update `username`'s account; returns what was done, in Chinese."""
    from jupyterhub import orm
    from nativeauthenticator import NativeAuthenticator

    roster = load_roster(settings.roster, settings.parameters)
    member = roster.member(username)
    if member is None:
        raise KitError(say.user_not_in_roster(username, settings.roster))
    settings.state.mkdir(parents=True, exist_ok=True)
    db = orm.new_session_factory(settings.db_url)()  # creates the hub's tables on first use
    try:
        auth = NativeAuthenticator(db=db, enable_signup=True, minimum_password_length=8, check_common_password=True)
        if not auth.is_password_strong(password):
            raise KitError(say.WEAK_PASSWORD)
        if auth.get_user(member.username) is None:
            info = auth.create_user(member.username, password)
            if info is None:
                raise KitError(say.account_refused(member.username))
            info.is_authorized = True
            db.commit()
            return say.account_created(member.name, member.username, member.role)
        auth.change_password(member.username, password)
        user = auth.get_user(member.username)
        user.is_authorized = True
        db.commit()
        return say.password_changed(member.name, member.username)
    finally:
        db.close()


def state_dir(path: Path | None) -> Path:
    return (path or Path(".hub")).resolve()
