"""Where a company stands against its own type of business, as the seed places the types.

The seed gives a typical level per type in two places, quoted here as the reasons:
- the comparison table's 代表企业 row: 独立小店 (Level 1), 多数4S店 (Level 2), 理想/区域连锁
  (Level 3), 特斯拉/蔚来 (Level 4), 蔚来BaaS生态 (Level 5);
- the levels' 行业现状: "中国仍有约35%的独立售后门店(约12万家)处于Level 1阶段", "约48%的中国汽车售后
  企业处于Level 2阶段,包括大部分4S店和区域连锁", and, for Level 3, "主要是造车新势力(蔚来、理想、
  小鹏)和少数头部主机厂的直营体系".

So an independent workshop is typically at Level 1 and a 4S dealership at Level 2. A regional
chain is placed by both texts, at Level 2 (大部分…区域连锁) and at Level 3 (理想/区域连锁): its
typical range is Level 2-3. An OEM-operated network gets no typical level: the seed only says
that *a few leading* OEMs' own networks are among the ~12% at Level 3, which places those few,
not the type; the reason is quoted and no ahead/behind verdict is given. "Other" is not placed.

`type_placement(company_type, level, content)` is pure: the level is whichever one the caller
wants judged (the computed headline or a consultant's confirmed level), the texts come from the
model version's content in the active language.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from assessments.models import CompanyType
from maturity.richtext import plain_lines

# type: (lowest typical level, highest typical level) or None, and the seed's texts that say so:
# ("row", n) = the 代表企业 cell of Level n, ("status", n) = the 行业现状 of Level n.
SEED_PLACEMENT: dict[str, tuple[tuple[int, int] | None, tuple[tuple[str, int], ...]]] = {
    CompanyType.INDEPENDENT: ((1, 1), (("row", 1), ("status", 1))),
    CompanyType.DEALER_4S: ((2, 2), (("row", 2), ("status", 2))),
    CompanyType.REGIONAL_CHAIN: ((2, 3), (("status", 2), ("row", 3))),
    CompanyType.OEM_DIRECT: (None, (("status", 3),)),
}

TYPICAL, AHEAD, BEHIND = "typical", "ahead", "behind"


@dataclass
class TypePlacement:
    company_type: str
    type_label: str
    level: int | None
    typical: tuple[int, int] | None  # the seed's typical range for the type, or None
    verdict: str | None  # typical | ahead | behind | None (no level, or the type isn't placed)
    sentence: str
    reasons: list[str] = field(default_factory=list)

    @property
    def typical_label(self) -> str:
        if self.typical is None:
            return ""
        low, high = self.typical
        return f"Level {low}" if low == high else f"Level {low}-{high}"


def type_placement(company_type: str, level: int | None, content) -> TypePlacement | None:
    """The seed's typical level for `company_type`, where `level` stands against it, and the
    seed's sentences that say so; None for a type the seed says nothing about."""
    if company_type not in SEED_PLACEMENT:
        return None
    typical, sources = SEED_PLACEMENT[company_type]
    type_label = str(CompanyType(company_type).label)
    reasons = [_reason(kind, number, content) for kind, number in sources]
    placement = TypePlacement(
        company_type=company_type,
        type_label=type_label,
        level=level,
        typical=typical,
        verdict=None,
        sentence="",
        reasons=[reason for reason in reasons if reason],
    )
    values = {"type": type_label, "level": level, "typical": placement.typical_label}
    if typical is None:
        placement.sentence = (
            _(
                "模型没有给出“%(type)s”这类企业的典型段位,只说达到 Level 3 的企业中有少数头部主机厂的直营体系"
                "(见下方原文),因此这里不判断领先或落后。"
            )
            % values
        )
        return placement
    if level is None:
        placement.sentence = _("按模型原文,“%(type)s”的典型段位是 %(typical)s。") % values
        return placement
    low, high = typical
    if level < low:
        placement.verdict = BEHIND
        placement.sentence = _("Level %(level)d 落后于“%(type)s”的典型段位(%(typical)s)。") % values
    elif level > high:
        placement.verdict = AHEAD
        placement.sentence = _("Level %(level)d 领先于“%(type)s”的典型段位(%(typical)s)。") % values
    else:
        placement.verdict = TYPICAL
        placement.sentence = _("Level %(level)d 是“%(type)s”的典型段位(%(typical)s)。") % values
    return placement


def _reason(kind: str, number: int, content) -> str:
    """One of the seed's texts, verbatim, in the reader's language (the model content's)."""
    level = content.level(number)
    if kind == "row":
        row = content.dimensions_by_code.get("representatives")
        cell = row.cell(number) if row else ""
        if not cell:
            return ""
        return _("5级成熟度模型对照表,“%(row)s”一行:Level %(n)d 为“%(cell)s”。") % {
            "row": row.name,
            "n": number,
            "cell": cell,
        }
    # 行业现状, without the richtext's **bold** markers.
    text = " ".join(plain_lines(level.industry_status))
    return _("Level %(n)d 行业现状:%(text)s") % {"n": number, "text": text}
