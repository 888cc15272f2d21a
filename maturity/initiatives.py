"""Loading a version of the initiative library from its data file into the database.

Like `maturity.loader` for the model: used by a data migration (with the migration's `apps`),
idempotent for an identical file, and refusing a file that reuses a version number with other
content (the identity is the Chinese texts, codes and numbers; English slots are not part of it).
"""

from pathlib import Path

from maturity.loader import content_checksum, loaded_version, read_data_file, read_model_file

TEXT_KEYS = ("title", "what", "mvp", "pain", "value", "kpi")
KINDS = (
    "foundation",
    "governance",
    "organisation",
    "reporting",
    "analysis",
    "automation",
    "ai",
    "ecosystem",
)
REFERENCE_SECTIONS = (
    "owner_roles",
    "budget_bands",
    "efforts",
    "size_classes",
    "size_budget_caps",
    "company_types",
)
# The model file whose codes the initiatives move (v1 and v2 share every code).
MODEL_FILE = "model_v2.yaml"


class InitiativeDataError(ValueError):
    pass


def read_initiative_file(path: Path | str) -> dict:
    data = read_data_file(path)
    validate_initiative_data(data)
    return data


def model_codes() -> set[str]:
    model = read_model_file(MODEL_FILE)
    return {entry["code"] for entry in model["checklist"]} | {
        entry["code"] for entry in model["criteria"]
    }


def validate_initiative_data(data: dict) -> None:
    problems = [f"missing section {key}" for key in REFERENCE_SECTIONS if not data.get(key)]
    if problems:
        raise InitiativeDataError("; ".join(problems))
    known = model_codes()
    types = set(data["company_types"])
    initiatives = data.get("initiatives") or []
    codes = [entry["code"] for entry in initiatives]
    if len(codes) != len(set(codes)):
        problems.append("initiatives: duplicate codes")
    for name, profile in data["company_types"].items():
        problems += [f"{name}: unknown code {c}" for c in profile["oem_owned"] if c not in known]
        if not 1 <= profile["ceiling"] <= 5:
            problems.append(f"{name}: ceiling out of range")
        if not (profile.get("reasoning") or {}).get("zh"):
            problems.append(f"{name}: no reasoning")
    for entry in initiatives:
        code = entry["code"]
        problems += [f"{code}: unknown code {c}" for c in entry["moves"] if c not in known]
        problems += [f"{code}: unknown type {t}" for t in entry["types"] if t not in types]
        problems += [
            f"{code}: unknown prerequisite {p}" for p in entry["prerequisites"] if p not in codes
        ]
        if entry["kind"] not in KINDS:
            problems.append(f"{code}: unknown kind {entry['kind']}")
        for key, section in (
            ("owner", "owner_roles"),
            ("budget", "budget_bands"),
            ("effort", "efforts"),
        ):
            if entry[key] not in data[section]:
                problems.append(f"{code}: unknown {key} {entry[key]}")
        for key in TEXT_KEYS:
            texts = entry.get(key) or {}
            if not texts.get("zh") or not texts.get("en"):
                problems.append(f"{code}: {key} needs zh and en")
    problems += _cycles(initiatives)
    if problems:
        raise InitiativeDataError("; ".join(problems))


def _cycles(initiatives) -> list[str]:
    needs = {entry["code"]: set(entry["prerequisites"]) for entry in initiatives}
    done: set[str] = set()
    while True:
        ready = {code for code, pre in needs.items() if code not in done and pre <= done}
        if not ready:
            break
        done |= ready
    return [f"{code}: prerequisites form a cycle" for code in sorted(set(needs) - done)]


def load_initiative_data(apps, data: dict, *, make_current: bool = True):
    """Create the rows of one library version; return the InitiativeLibrary row."""
    validate_initiative_data(data)
    Library = apps.get_model("maturity", "InitiativeLibrary")
    Initiative = apps.get_model("maturity", "Initiative")
    checksum = content_checksum(data)
    existing = loaded_version(Library, data, checksum, InitiativeDataError, "Initiative library")
    if existing is not None:
        return existing
    if make_current:
        Library.objects.filter(is_current=True).update(is_current=False)
    library = Library.objects.create(
        version=str(data["version"]),
        source=data.get("source", ""),
        checksum=checksum,
        is_current=make_current,
        reference={key: data[key] for key in REFERENCE_SECTIONS},
    )
    Initiative.objects.bulk_create(
        Initiative(
            library=library,
            code=entry["code"],
            position=position,
            kind=entry["kind"],
            owner_role=entry["owner"],
            budget_band=entry["budget"],
            effort=entry["effort"],
            company_types=list(entry["types"]),
            moves=list(entry["moves"]),
            prerequisites=list(entry["prerequisites"]),
            texts={key: entry[key] for key in TEXT_KEYS},
        )
        for position, entry in enumerate(data["initiatives"], start=1)
    )
    return library
