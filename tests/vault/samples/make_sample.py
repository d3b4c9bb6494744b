"""Write the sample vault of the current schema version into tests/vault/samples/schema-<rev>/.

Run once per schema version, by the code of that version:
    PYTHONPATH=desktop:. python tests/vault/samples/make_sample.py [--without-evidence]
The vault uses the minimal KDF cost and the passphrase below; its content is the demo case
(with its fictional evidence from schema 0002 on).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from sanad.domain.enums import Role
from sanad.services.demo import fill_sample_case
from sanad.services.users import create_vault
from sanad.vault.kdf import TEST_KDF
from sanad.vault.migrate import current_revision
from sanad.vault.settings import DeviceSettings

PASSPHRASE = "sample vault passphrase"
HERE = Path(__file__).parent


def main() -> None:
    building = HERE / "building"
    inputs = HERE / "demo-inputs"
    vault, _code = create_vault(building, PASSPHRASE, user_name="sample", role=Role.INVESTIGATOR, kdf=TEST_KDF,
                                settings=DeviceSettings(HERE / "device.json"))
    with vault:
        fill_sample_case(vault, media_folder=None if "--without-evidence" in sys.argv else inputs)
        revision = current_revision(vault.engine)
        with vault.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    (HERE / "device.json").unlink()
    shutil.rmtree(inputs, ignore_errors=True)
    for name in ("sanad.db-wal", "sanad.db-shm", ".lock"):
        (building / name).unlink(missing_ok=True)
    target = HERE / f"schema-{revision}"
    if target.exists():
        sys.exit(f"{target} exists already: a sample is made once per schema version")
    building.rename(target)
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
