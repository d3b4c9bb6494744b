"""Vault and user commands: init, demo, user add/list/role, passphrase change, recover."""

from __future__ import annotations

import argparse

from sanad.cli import secrets_input
from sanad.cli.output import add_paging, page_of, print_page_footer, print_page_json, print_table, say
from sanad.cli.vault_access import open_vault, vault_path
from sanad.domain.enums import Role
from sanad.integrity.authority import role_phrase
from sanad.services import users


def register(commands, common) -> None:
    init = commands.add_parser("init", parents=[common], help="create a new vault")
    init.add_argument("--user", required=True, help="your user name (you become the vault's first admin)")
    init.add_argument("--role", choices=[r.value for r in Role], default=Role.INVESTIGATOR.value,
                      help="your working role (default: investigator)")
    init.set_defaults(handler=cmd_init)

    demo = commands.add_parser("demo", help="create (once) and show the demo vault with a fictional sample case")
    demo.set_defaults(handler=cmd_demo)

    user = commands.add_parser("user", help="manage users").add_subparsers(dest="user_command", metavar="ACTION")
    user.required = True
    add = user.add_parser("add", parents=[common], help="add a user (admins only)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--admin", action="store_true", help="also give the admin right")
    add.add_argument("--new-passphrase-file", default=None,
                     help="the new user's passphrase (else SANAD_NEW_PASSPHRASE, else a prompt)")
    add.set_defaults(handler=cmd_user_add)
    listing = user.add_parser("list", parents=[common], help="list users")
    add_paging(listing)
    listing.set_defaults(handler=cmd_user_list)
    role = user.add_parser("role", parents=[common], help="change a user's role or admin right (admins only)")
    role.add_argument("name")
    role.add_argument("--role", required=True, choices=[r.value for r in Role])
    role.add_argument("--admin", action=argparse.BooleanOptionalAction, default=None,
                      help="give (--admin) or take away (--no-admin) the admin right; unchanged if neither")
    role.set_defaults(handler=cmd_user_role)

    passphrase = commands.add_parser("passphrase", help="your passphrase").add_subparsers(
        dest="passphrase_command", metavar="ACTION")
    passphrase.required = True
    change = passphrase.add_parser("change", parents=[common], help="change your passphrase")
    change.add_argument("--new-passphrase-file", default=None)
    change.set_defaults(handler=cmd_passphrase_change)

    recover = commands.add_parser("recover", parents=[common],
                                  help="new passphrase and signing key for a user, with the recovery code")
    recover.add_argument("--user", required=True)
    recover.add_argument("--code-file", default=None, help="the recovery code (else SANAD_RECOVERY_CODE)")
    recover.add_argument("--new-passphrase-file", default=None)
    recover.set_defaults(handler=cmd_recover)


def cmd_init(args) -> int:
    path = vault_path(args)
    passphrase = secrets_input.passphrase(args, confirm=True)
    vault, code = users.create_vault(path, passphrase, user_name=args.user, role=Role(args.role))
    vault.close()
    say(f"Created vault {path}")
    say(f"You ({args.user}) are its first admin, with the working role {args.role}.")
    say()
    say("Recovery code (shown once; print it or write it down and keep it apart from this laptop):")
    say(f"    {code}")
    return 0


def cmd_demo(args) -> int:
    from sanad.services.demo import DEMO_PASSPHRASE, demo_vault_path, open_or_create_demo

    path = demo_vault_path()
    vault, created = open_or_create_demo(path)
    with vault:
        say(("Created" if created else "Opened") + f" the demo vault at {path}")
        say(f"Its passphrase is: {DEMO_PASSPHRASE}   (demo only; the sample case is fictional)")
        say(f"Try: SANAD_VAULT='{path}' SANAD_PASSPHRASE='{DEMO_PASSPHRASE}' sanad case list")
        say()
        from sanad.cli.case_commands import print_case_overview

        print_case_overview(vault)
    return 0


def cmd_user_add(args) -> int:
    with open_vault(args, writable=True) as vault:
        new = secrets_input.new_passphrase(args, who=f"the new ({args.name})")
        user = users.add_user(vault, args.name, Role(args.role), new, admin=args.admin)
    say(f"Added user {user.name} ({user.role.value}{', admin' if user.is_admin else ''}), key {user.fingerprint}")
    return 0


def cmd_user_list(args) -> int:
    with open_vault(args, writable=False) as vault, vault.reader() as uow:
        page = page_of(users.list_users(uow), args)
    if args.json:
        print_page_json(page)
        return 0
    print_table(["NAME", "ROLE", "ADMIN", "KEY"],
                [(u.name, u.role.value, "yes" if u.is_admin else "", u.fingerprint) for u in page.items])
    print_page_footer(page, "users")
    return 0


def cmd_user_role(args) -> int:
    with open_vault(args, writable=True) as vault:
        user = users.set_role(vault, args.name, Role(args.role), args.admin)
    with_admin = "with" if user.is_admin else "without"
    say(f"{user.name} is now {role_phrase(user.role.value)}, {with_admin} the admin right.")
    return 0


def cmd_passphrase_change(args) -> int:
    with open_vault(args, writable=True) as vault:
        users.change_passphrase(vault, secrets_input.new_passphrase(args, who="your"))
        say(f"Changed the passphrase of {vault.actor.name}.")
    return 0


def cmd_recover(args) -> int:
    path = vault_path(args)
    code = secrets_input.recovery_code(args)
    new = secrets_input.new_passphrase(args, who=args.user)
    with users.recover(path, code, args.user, new) as vault:
        say(f"Recovered {vault.actor.name}: new passphrase and new signing key {vault.actor.signer.fingerprint}.")
        say("A key_recovered event records this in the audit history.")
    return 0
