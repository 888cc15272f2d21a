"""Loading a version of the maturity model from its data file into the database.

Used by data migrations (with the migration's historical `apps`) and by the `load_model`
command. Loading is idempotent for an identical file and refuses a file that reuses a version
number with different content: a change to the model must be a new version, because every
assessment keeps the version it was answered against.
"""

import hashlib
import json
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"

# Sections every version must have, with at least this many entries. The counts of a version
# are its own (version 1 has 5 levels, 25 items, 23 metrics...; tests pin those), so a later
# version may add or renumber entries.
REQUIRED_SECTIONS = {
    "levels": 2,
    "checklist": 1,
    "metrics": 1,
    "criteria": 1,
    "dimensions": 1,
    "iron_laws": 1,
    "homework": 1,
    "glossary": 0,
}

DOCUMENT_TEXT_KEYS = (
    "table_title",
    "checklist_title",
    "checklist_intro",
    "iron_laws_title",
    "iron_laws_intro",
    "homework_title",
    "glossary_title",
)


class ModelDataError(ValueError):
    pass


def read_data_file(path: Path | str) -> dict:
    """A YAML data file, by absolute path or by name in maturity/data/."""
    path = Path(path)
    if not path.is_absolute():
        path = DATA_DIR / path
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def read_model_file(path: Path | str) -> dict:
    data = read_data_file(path)
    validate_model_data(data)
    return data


def _without_translations(value):
    """The data minus its English slots: filling in translations does not change the model."""
    if isinstance(value, dict):
        if set(value) <= {"zh", "en"} and "zh" in value:
            return value["zh"]
        return {key: _without_translations(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_translations(item) for item in value]
    return value


def content_checksum(data: dict) -> str:
    """Identity of a version: its Chinese (source) texts, codes, rules and thresholds."""
    canonical = json.dumps(
        _without_translations(data), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def validate_model_data(data: dict) -> None:
    problems = []
    for key, minimum in REQUIRED_SECTIONS.items():
        found = len(data.get(key) or [])
        if found < minimum:
            problems.append(f"{key}: expected at least {minimum} entries, found {found}")
    for key in ("checklist", "metrics", "criteria", "dimensions"):
        codes = [entry["code"] for entry in data.get(key) or []]
        if len(codes) != len(set(codes)):
            problems.append(f"{key}: duplicate codes")
    metric_codes = {metric["code"] for metric in data.get("metrics") or []}
    level_numbers = [level["number"] for level in data.get("levels") or []]
    if level_numbers != list(range(1, len(level_numbers) + 1)):
        problems.append("levels: numbers must run 1, 2, 3... in order")
    for criterion in data.get("criteria") or []:
        if criterion["metric"] not in metric_codes:
            problems.append(f"{criterion['code']}: unknown metric {criterion['metric']}")
        if criterion["level"] not in level_numbers:
            problems.append(f"{criterion['code']}: unknown level {criterion['level']}")
    for item in data.get("checklist") or []:
        if item["level"] not in level_numbers:
            problems.append(f"{item['code']}: unknown level {item['level']}")
    for number in level_numbers:
        if not any(item["level"] == number for item in data.get("checklist") or []):
            problems.append(f"level {number}: no checklist item")
    for law in data.get("iron_laws") or []:
        for number in law.get("hint_levels") or []:
            if number not in level_numbers:
                problems.append(f"iron law {law['number']}: hint at unknown level {number}")
    for dimension in data.get("dimensions") or []:
        if len(dimension.get("cells") or []) != len(level_numbers):
            problems.append(f"{dimension['code']}: a table row needs one cell per level")
        if dimension.get("metric") and dimension["metric"] not in metric_codes:
            problems.append(f"{dimension['code']}: unknown metric {dimension['metric']}")
    for metric in data.get("metrics") or []:
        if metric["type"] == "choice" and not metric.get("options"):
            problems.append(f"{metric['code']}: a choice metric needs options")
    rules = data.get("verdict_rules")
    if rules:
        problems += _verdict_rule_problems(data, rules)
    if problems:
        raise ModelDataError("; ".join(problems))


def _verdict_rule_problems(data: dict, rules: dict) -> list[str]:
    """Every code the verdict rules name must exist in the version."""
    items = {item["code"] for item in data.get("checklist") or []}
    criteria = {criterion["code"] for criterion in data.get("criteria") or []}
    metrics = {metric["code"] for metric in data.get("metrics") or []}
    core = rules.get("core") or {}
    named_items = [*core.get("items", []), *core.get("bridge", {}).get("items", [])]
    named_items += [entry["item"] for entry in core.get("contradicted_by") or []]
    for pair in (rules.get("tick_pairs") or {}).get("pairs") or []:
        named_items += pair["items"]
    named_items += (rules.get("core_symptoms_alone") or {}).get("items") or []
    named_criteria = [
        *core.get("criteria", []),
        *core.get("refuted_by_met", []),
        *core.get("bridge", {}).get("criteria", []),
    ]
    named_metrics = [entry["unless"]["metric"] for entry in core.get("contradicted_by") or []]
    for warning in rules.get("kpi_warnings") or []:
        named_metrics += warning.get("sum_of") or []
        named_metrics += [c["metric"] for c in warning.get("conditions") or []]
    return (
        [f"verdict_rules: unknown checklist item {c}" for c in named_items if c not in items]
        + [f"verdict_rules: unknown criterion {c}" for c in named_criteria if c not in criteria]
        + [f"verdict_rules: unknown metric {c}" for c in named_metrics if c not in metrics]
    )


def _pair(texts: dict | None) -> tuple[str, str]:
    texts = texts or {}
    return texts.get("zh") or "", texts.get("en") or ""


def _bilingual(prefix: str, texts: dict | None) -> dict:
    zh, en = _pair(texts)
    return {f"{prefix}_zh": zh, f"{prefix}_en": en}


def _text_list(entries) -> list[dict]:
    return [{"zh": entry.get("zh") or "", "en": entry.get("en") or ""} for entry in entries or []]


def loaded_version(Version, data: dict, checksum: str, error: type[Exception], what: str):
    """The row of the data file's version (a `DataFileVersion` model: the model, the initiative
    library) when it is already loaded, else None. A loaded version is never changed: the same
    version number with other content is refused with `error`."""
    existing = Version.objects.filter(version=str(data["version"])).first()
    if existing is not None and existing.checksum != checksum:
        raise error(
            f"{what} {data['version']} is already loaded with different content: "
            "a change must be a new version."
        )
    return existing


def load_model_data(apps, data: dict, *, make_current: bool = True):
    """Create the rows of one model version; return the ModelVersion row.

    `apps` is a migration's app registry or `django.apps.apps`.
    """
    validate_model_data(data)
    ModelVersion = apps.get_model("maturity", "ModelVersion")
    checksum = content_checksum(data)
    existing = loaded_version(ModelVersion, data, checksum, ModelDataError, "Model version")
    if existing is not None:
        return existing

    texts = {key: value for key, value in (data.get("document") or {}).items()}
    for key in DOCUMENT_TEXT_KEYS:
        if key in data:
            texts[key] = data[key]

    if make_current:
        ModelVersion.objects.filter(is_current=True).update(is_current=False)
    version = ModelVersion.objects.create(
        version=str(data["version"]),
        source=data.get("source", ""),
        checksum=checksum,
        is_current=make_current,
        texts=texts,
        # Only versions that have the section pass it: older migrations' models lack the field.
        **({"verdict_rules": data["verdict_rules"]} if data.get("verdict_rules") else {}),
    )
    levels = _create_levels(apps, version, data["levels"])
    _create_checklist(apps, version, levels, data["checklist"])
    metrics = _create_metrics(apps, version, data["metrics"])
    _create_criteria(apps, version, levels, metrics, data["criteria"])
    _create_dimensions(apps, version, metrics, data["dimensions"])
    _create_iron_laws(apps, version, data["iron_laws"])
    _create_homework(apps, version, data["homework"])
    _create_glossary(apps, version, data["glossary"])
    return version


def unload_model_version(apps, number: str) -> None:
    """Delete one version's rows (a data migration's reverse); assessments protect theirs."""
    ModelVersion = apps.get_model("maturity", "ModelVersion")
    version = ModelVersion.objects.filter(version=number).first()
    if version is None:
        return
    for model_name in (
        "GlossaryTerm",
        "Homework",
        "IronLaw",
        "Dimension",
        "Criterion",
        "Metric",
        "ChecklistItem",
        "Level",
    ):
        apps.get_model("maturity", model_name).objects.filter(version=version).delete()
    version.delete()


def _level_texts(entry) -> dict:
    """{field: {"zh", "en"}} of a level's single texts (shared by loading and translating)."""
    case = entry.get("case") or {}
    insight = entry.get("insight") or {}
    barriers = entry.get("barriers_to_next") or {}
    return {
        "name": entry["name"],
        "stage": entry["stage"],
        "short_name": entry["short_name"],
        "core_feature": entry["core_feature"],
        "checklist_heading": entry.get("checklist_heading"),
        "case_title": case.get("title"),
        "case_body": case.get("body"),
        "industry_status": entry["industry_status"],
        "insight_label": insight.get("label"),
        "insight_body": insight.get("body"),
        "barriers_title": barriers.get("title"),
        "barriers_intro": barriers.get("intro"),
    }


def _level_lists(entry) -> dict:
    """{JSON list field: data-file entries} of a level."""
    return {
        "typical_features_texts": entry["typical_features"],
        "case_figures_texts": (entry.get("case") or {}).get("figures"),
        "barriers_texts": (entry.get("barriers_to_next") or {}).get("items"),
    }


def _create_levels(apps, version, entries) -> dict:
    Level = apps.get_model("maturity", "Level")
    levels = {}
    for entry in entries:
        texts = {}
        for field, pair in _level_texts(entry).items():
            texts.update(_bilingual(field, pair))
        lists = {field: _text_list(items) for field, items in _level_lists(entry).items()}
        levels[entry["number"]] = Level.objects.create(
            version=version,
            number=entry["number"],
            share_label=entry["share"]["label"],
            share_percent=entry["share"]["percent"],
            **texts,
            **lists,
        )
    return levels


def _create_checklist(apps, version, levels, entries):
    ChecklistItem = apps.get_model("maturity", "ChecklistItem")
    ChecklistItem.objects.bulk_create(
        ChecklistItem(
            version=version,
            level=levels[entry["level"]],
            code=entry["code"],
            position=position,
            kind=entry["kind"],
            **_bilingual("text", entry["text"]),
        )
        for position, entry in enumerate(entries, start=1)
    )


def _create_metrics(apps, version, entries) -> dict:
    Metric = apps.get_model("maturity", "Metric")
    metrics = {}
    for position, entry in enumerate(entries, start=1):
        metrics[entry["code"]] = Metric.objects.create(
            version=version,
            code=entry["code"],
            position=position,
            type=entry["type"],
            **_bilingual("name", entry["name"]),
            **_bilingual("help", entry.get("help")),
            **_bilingual("unit", entry.get("unit")),
            min_value=entry.get("min"),
            max_value=entry.get("max"),
            **({"options": entry["options"]} if entry.get("options") else {}),
        )
    return metrics


def _create_criteria(apps, version, levels, metrics, entries):
    Criterion = apps.get_model("maturity", "Criterion")
    Criterion.objects.bulk_create(
        Criterion(
            version=version,
            level=levels[entry["level"]],
            metric=metrics[entry["metric"]],
            code=entry["code"],
            position=position,
            kind=entry["kind"],
            comparator=entry["comparator"],
            threshold=entry["threshold"],
            **_bilingual("text", entry["text"]),
        )
        for position, entry in enumerate(entries, start=1)
    )


def _create_dimensions(apps, version, metrics, entries):
    Dimension = apps.get_model("maturity", "Dimension")
    Dimension.objects.bulk_create(
        Dimension(
            version=version,
            code=entry["code"],
            position=position,
            kind=entry["kind"],
            metric=metrics.get(entry.get("metric")) if entry.get("metric") else None,
            bands=entry.get("bands") or [],
            **(
                {"comparable_when": entry["comparable_when"]}
                if entry.get("comparable_when")
                else {}
            ),
            **_bilingual("name", entry["name"]),
            cells_texts=_text_list(entry["cells"]),
        )
        for position, entry in enumerate(entries, start=1)
    )


def _create_iron_laws(apps, version, entries):
    IronLaw = apps.get_model("maturity", "IronLaw")
    IronLaw.objects.bulk_create(
        IronLaw(
            version=version,
            number=entry["number"],
            **_bilingual("title", entry["title"]),
            **_bilingual("lead", entry["lead"]),
            **_bilingual("body", entry["body"]),
            # Only files that have the key pass it: older migrations' models lack the field.
            **({"hint_levels": entry["hint_levels"]} if entry.get("hint_levels") else {}),
        )
        for entry in entries
    )


def _create_homework(apps, version, entries):
    Homework = apps.get_model("maturity", "Homework")
    Homework.objects.bulk_create(
        Homework(
            version=version,
            number=entry["number"],
            **_bilingual("title", entry["title"]),
            **_bilingual("prompt", entry["prompt"]),
        )
        for entry in entries
    )


def _create_glossary(apps, version, entries):
    GlossaryTerm = apps.get_model("maturity", "GlossaryTerm")
    GlossaryTerm.objects.bulk_create(
        GlossaryTerm(
            version=version,
            position=position,
            term_zh=entry["zh"],
            term_en=entry["en"],
            abbreviation=entry["abbr"],
            **_bilingual("definition", entry["definition"]),
        )
        for position, entry in enumerate(entries, start=1)
    )


# --------------------------------------------------------------------------------------------
# Translations of a loaded version
# --------------------------------------------------------------------------------------------

# (model, data key, row attribute and entry key to match on, single texts, JSON text lists)
_TRANSLATED = (
    ("Level", "levels", ("number", "number"), _level_texts, _level_lists),
    ("ChecklistItem", "checklist", ("code", "code"), lambda e: {"text": e["text"]}, None),
    (
        "Metric",
        "metrics",
        ("code", "code"),
        lambda e: {"name": e["name"], "help": e.get("help"), "unit": e.get("unit")},
        None,
    ),
    ("Criterion", "criteria", ("code", "code"), lambda e: {"text": e["text"]}, None),
    (
        "Dimension",
        "dimensions",
        ("code", "code"),
        lambda e: {"name": e["name"]},
        lambda e: {"cells_texts": e["cells"]},
    ),
    (
        "IronLaw",
        "iron_laws",
        ("number", "number"),
        lambda e: {"title": e["title"], "lead": e["lead"], "body": e["body"]},
        None,
    ),
    (
        "Homework",
        "homework",
        ("number", "number"),
        lambda e: {"title": e["title"], "prompt": e["prompt"]},
        None,
    ),
    (
        "GlossaryTerm",
        "glossary",
        ("abbreviation", "abbr"),
        lambda e: {"definition": e["definition"]},
        None,
    ),
)


def _english(pair: dict | None, stored_zh: str, where: str) -> str:
    """A pair's English, once its Chinese is checked against what the database holds."""
    zh, en = _pair(pair)
    if zh != (stored_zh or ""):
        raise ModelDataError(f"{where}: the Chinese text in the database differs from the file")
    return en


def _english_list(entries, stored: list, where: str) -> list[dict]:
    entries = list(entries or [])
    stored = list(stored or [])
    if len(entries) != len(stored):
        raise ModelDataError(
            f"{where}: {len(stored)} texts in the database, {len(entries)} in the file"
        )
    return [
        {**item, "en": _english(entry, item.get("zh"), f"{where}[{index}]")}
        for index, (entry, item) in enumerate(zip(entries, stored, strict=True))
    ]


def fill_translations(apps, data: dict) -> bool:
    """Copy a data file's English slots into the rows of its version, already loaded.

    English is not part of a version's identity, so a version loaded before its translation was
    written keeps empty English slots; this fills them in place, matching rows by number or
    code and list items by position, and checking every Chinese text on the way. Returns False
    when the version is not loaded (loading it later takes the English from the file).
    """
    validate_model_data(data)
    ModelVersion = apps.get_model("maturity", "ModelVersion")
    version = ModelVersion.objects.filter(version=str(data["version"])).first()
    if version is None:
        return False
    if version.checksum != content_checksum(data):
        raise ModelDataError(
            f"Model version {data['version']} in the database is not the one in the data file."
        )

    file_texts = dict(data.get("document") or {})
    file_texts.update({key: data[key] for key in DOCUMENT_TEXT_KEYS if key in data})
    texts = dict(version.texts)
    for key, pair in file_texts.items():
        if key in texts:
            texts[key] = {**texts[key], "en": _english(pair, texts[key].get("zh"), key)}
    version.texts = texts
    version.save(update_fields=["texts"])

    for model_name, data_key, (attribute, entry_key), single, lists in _TRANSLATED:
        Model = apps.get_model("maturity", model_name)
        rows = {getattr(row, attribute): row for row in Model.objects.filter(version=version)}
        changed: set[str] = set()
        for entry in data[data_key]:
            row = rows.get(entry[entry_key])
            where = f"{model_name} {entry[entry_key]}"
            if row is None:
                raise ModelDataError(f"{where}: not in the database")
            for field, pair in single(entry).items():
                setattr(row, f"{field}_en", _english(pair, getattr(row, f"{field}_zh"), where))
                changed.add(f"{field}_en")
            for field, items in (lists(entry) if lists else {}).items():
                setattr(row, field, _english_list(items, getattr(row, field), f"{where} {field}"))
                changed.add(field)
        Model.objects.bulk_update(list(rows.values()), sorted(changed))
    return True
