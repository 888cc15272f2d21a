"""The after-sales digital maturity model as versioned reference data.

Rows are created only by `maturity.loader` from a data file (`maturity/data/model_v*.yaml`),
through a data migration. A version that assessments were answered against is never edited:
a change to the model is a new data file and a new version. Texts come in two slots, `_zh`
(the seed, verbatim) and `_en` (the English edition); see `maturity.i18n`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from maturity.i18n import Translated, TranslatedList, pick


class VersionQuerySet(models.QuerySet):
    def current(self):
        """The version new work uses: new assessments are answered against the current model,
        new plans proposed from the current initiative library (exactly one is current)."""
        return self.get(is_current=True)


class DataFileVersion(models.Model):
    """One loaded version of a data file (the model, the initiative library): which file, its
    checksum (its identity), whether it is the current one. Never edited once loaded."""

    version = models.CharField(_("版本"), max_length=20, unique=True)
    source = models.CharField(_("来源文件"), max_length=200)
    checksum = models.CharField(
        _("内容校验和"), max_length=64, help_text=_("SHA-256 of the data file's content.")
    )
    is_current = models.BooleanField(_("当前版本"), default=False)
    loaded_at = models.DateTimeField(_("载入时间"), auto_now_add=True)

    objects = VersionQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-loaded_at"]


class ModelVersion(DataFileVersion):
    # Document-level texts (titles, intro, closing, section headings): {key: {"zh", "en"}}.
    texts = models.JSONField(_("文档文本"), default=dict)
    # The codes and numbers the scoring rules use (the data file's `verdict_rules` section).
    verdict_rules = models.JSONField(_("判定规则"), default=dict, blank=True)

    class Meta(DataFileVersion.Meta):
        verbose_name = _("模型版本")
        verbose_name_plural = _("模型版本")
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="one_current_model_version",
            )
        ]

    def __str__(self):
        return f"v{self.version}"

    def text(self, key: str) -> str:
        return pick(self.texts.get(key))


class Level(models.Model):
    version = models.ForeignKey(ModelVersion, on_delete=models.PROTECT, related_name="levels")
    number = models.PositiveSmallIntegerField(_("段位"))
    name_zh = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100, blank=True)
    stage_zh = models.CharField(max_length=100)
    stage_en = models.CharField(max_length=100, blank=True)
    short_name_zh = models.CharField(max_length=50)
    short_name_en = models.CharField(max_length=50, blank=True)
    core_feature_zh = models.CharField(max_length=100)
    core_feature_en = models.CharField(max_length=100, blank=True)
    typical_features_texts = models.JSONField(default=list)
    checklist_heading_zh = models.CharField(max_length=200)
    checklist_heading_en = models.CharField(max_length=200, blank=True)
    case_title_zh = models.CharField(max_length=200)
    case_title_en = models.CharField(max_length=200, blank=True)
    case_body_zh = models.TextField()
    case_body_en = models.TextField(blank=True)
    case_figures_texts = models.JSONField(default=list)
    industry_status_zh = models.TextField()
    industry_status_en = models.TextField(blank=True)
    share_label = models.CharField(_("中国占比"), max_length=20)
    share_percent = models.FloatField(_("中国占比(%)"))
    insight_label_zh = models.CharField(max_length=100)
    insight_label_en = models.CharField(max_length=100, blank=True)
    insight_body_zh = models.TextField()
    insight_body_en = models.TextField(blank=True)
    # The seed's barriers for the step from this level to the next (only levels 2 and 3 have them).
    barriers_title_zh = models.CharField(max_length=200, blank=True)
    barriers_title_en = models.CharField(max_length=200, blank=True)
    barriers_intro_zh = models.CharField(max_length=300, blank=True)
    barriers_intro_en = models.CharField(max_length=300, blank=True)
    barriers_texts = models.JSONField(default=list)

    name = Translated()
    stage = Translated()
    short_name = Translated()
    core_feature = Translated()
    checklist_heading = Translated()
    case_title = Translated()
    case_body = Translated()
    industry_status = Translated()
    insight_label = Translated()
    insight_body = Translated()
    barriers_title = Translated()
    barriers_intro = Translated()
    typical_features = TranslatedList()
    case_figures = TranslatedList()
    barriers = TranslatedList()

    class Meta:
        verbose_name = _("段位")
        verbose_name_plural = _("段位")
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="unique_level_per_version")
        ]

    def __str__(self):
        return f"Level {self.number} {self.name_zh}"


class ItemKind(models.TextChoices):
    SYMPTOM = "symptom", _("症状(不足)")
    CAPABILITY = "capability", _("能力")


class ChecklistItem(models.Model):
    version = models.ForeignKey(
        ModelVersion, on_delete=models.PROTECT, related_name="checklist_items"
    )
    level = models.ForeignKey(Level, on_delete=models.PROTECT, related_name="checklist_items")
    code = models.CharField(_("编号"), max_length=10)
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(_("类型"), max_length=20, choices=ItemKind.choices)
    text_zh = models.CharField(max_length=300)
    text_en = models.CharField(max_length=300, blank=True)

    text = Translated()

    class Meta:
        verbose_name = _("自测清单项")
        verbose_name_plural = _("自测清单项")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="unique_checklist_code")
        ]

    def __str__(self):
        return f"{self.code} {self.text_zh}"


class MetricType(models.TextChoices):
    PERCENT = "percent", _("百分比")
    BOOLEAN = "boolean", _("是/否")
    MULTIPLE = "multiple", _("倍数")
    COUNT = "count", _("数量")
    SCORE = "score", _("分数")
    CHOICE = "choice", _("选项")


class Metric(models.Model):
    version = models.ForeignKey(ModelVersion, on_delete=models.PROTECT, related_name="metrics")
    code = models.CharField(_("编号"), max_length=50)
    position = models.PositiveSmallIntegerField()
    type = models.CharField(_("类型"), max_length=20, choices=MetricType.choices)
    name_zh = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200, blank=True)
    help_zh = models.CharField(max_length=500, blank=True)
    help_en = models.CharField(max_length=500, blank=True)
    unit_zh = models.CharField(max_length=20, blank=True)
    unit_en = models.CharField(max_length=20, blank=True)
    min_value = models.FloatField(null=True, blank=True)
    max_value = models.FloatField(null=True, blank=True)
    # Choice metrics: [{"code", "label": {"zh", "en"}}].
    options = models.JSONField(default=list, blank=True)

    name = Translated()
    help = Translated()
    unit = Translated()

    class Meta:
        verbose_name = _("指标")
        verbose_name_plural = _("指标")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="unique_metric_code")
        ]

    def __str__(self):
        return self.code

    @property
    def is_boolean(self) -> bool:
        return self.type == MetricType.BOOLEAN


class Comparator(models.TextChoices):
    GREATER = "gt", ">"
    LESS = "lt", "<"
    AT_LEAST = "ge", "≥"
    IS = "is", _("是/否")


class Criterion(models.Model):
    version = models.ForeignKey(ModelVersion, on_delete=models.PROTECT, related_name="criteria")
    level = models.ForeignKey(Level, on_delete=models.PROTECT, related_name="criteria")
    metric = models.ForeignKey(Metric, on_delete=models.PROTECT, related_name="criteria")
    code = models.CharField(_("编号"), max_length=10)
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(_("类型"), max_length=20, choices=ItemKind.choices)
    comparator = models.CharField(_("比较"), max_length=2, choices=Comparator.choices)
    # A number for gt/lt, true/false for "is".
    threshold = models.JSONField(_("阈值"))
    text_zh = models.CharField(max_length=300)
    text_en = models.CharField(max_length=300, blank=True)

    text = Translated()

    class Meta:
        verbose_name = _("诊断标准")
        verbose_name_plural = _("诊断标准")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="unique_criterion_code")
        ]

    def __str__(self):
        return f"{self.code} {self.text_zh}"


class DimensionKind(models.TextChoices):
    SELF_ASSESSED = "self_assessed", _("自评")
    MEASURED = "measured", _("由指标测得")
    REFERENCE = "reference", _("参考")


class Dimension(models.Model):
    """One row of the 13 × 5 comparison table (5级成熟度模型对照表)."""

    version = models.ForeignKey(ModelVersion, on_delete=models.PROTECT, related_name="dimensions")
    code = models.CharField(_("编号"), max_length=50)
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(_("类型"), max_length=20, choices=DimensionKind.choices)
    metric = models.ForeignKey(
        Metric, null=True, blank=True, on_delete=models.PROTECT, related_name="dimensions"
    )
    # Inclusive lower bounds of levels 2..5 for measured rows.
    bands = models.JSONField(default=list, blank=True)
    # {"metric", "value"}: the measured value is on the bands' scale only with that answer.
    comparable_when = models.JSONField(null=True, blank=True)
    name_zh = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100, blank=True)
    cells_texts = models.JSONField(default=list)

    name = Translated()
    cells = TranslatedList()

    class Meta:
        verbose_name = _("对照表维度")
        verbose_name_plural = _("对照表维度")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="unique_dimension_code")
        ]

    def __str__(self):
        return f"{self.code} {self.name_zh}"

    def cell(self, level_number: int) -> str:
        return self.cells[level_number - 1]


class IronLaw(models.Model):
    version = models.ForeignKey(ModelVersion, on_delete=models.PROTECT, related_name="iron_laws")
    number = models.PositiveSmallIntegerField()
    title_zh = models.CharField(max_length=200)
    title_en = models.CharField(max_length=200, blank=True)
    lead_zh = models.CharField(max_length=300)
    lead_en = models.CharField(max_length=300, blank=True)
    body_zh = models.TextField()
    body_en = models.TextField(blank=True)
    # The levels at which the result page and the report show this law's standing advice
    # (assessments.reports.report); from the data file's `hint_levels`, or, for the versions
    # loaded before the field existed, from migration 0009_issue10_iron_law_hint_levels.
    hint_levels = models.JSONField(default=list, blank=True)

    title = Translated()
    lead = Translated()
    body = Translated()

    class Meta:
        verbose_name = _("铁律")
        verbose_name_plural = _("铁律")
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="unique_iron_law_number")
        ]

    def __str__(self):
        return f"铁律{self.number}:{self.title_zh}"


class Homework(models.Model):
    version = models.ForeignKey(ModelVersion, on_delete=models.PROTECT, related_name="homework")
    number = models.PositiveSmallIntegerField()
    title_zh = models.CharField(max_length=50)
    title_en = models.CharField(max_length=50, blank=True)
    prompt_zh = models.TextField()
    prompt_en = models.TextField(blank=True)

    title = Translated()
    prompt = Translated()

    class Meta:
        verbose_name = _("作业")
        verbose_name_plural = _("作业")
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="unique_homework_number")
        ]

    def __str__(self):
        return f"{self.title_zh}:{self.prompt_zh}"


class GlossaryTerm(models.Model):
    version = models.ForeignKey(ModelVersion, on_delete=models.PROTECT, related_name="glossary")
    position = models.PositiveSmallIntegerField()
    term_zh = models.CharField(max_length=100)
    term_en = models.CharField(max_length=100)
    abbreviation = models.CharField(max_length=20)
    definition_zh = models.CharField(max_length=300)
    definition_en = models.CharField(max_length=300, blank=True)

    term = Translated()
    definition = Translated()

    class Meta:
        verbose_name = _("术语")
        verbose_name_plural = _("术语")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "abbreviation"], name="unique_glossary_abbr")
        ]

    def __str__(self):
        return f"{self.abbreviation} {self.term_zh}"


class InitiativeLibrary(DataFileVersion):
    """A version of the initiative library (`maturity/data/initiatives_v*.yaml`), loaded by
    `maturity.initiatives` through a data migration; like the model, never edited in place."""

    # owner_roles, budget_bands, efforts, size_classes, size_budget_caps, company_types: the
    # data file's sections as they are ({zh, en} texts included).
    reference = models.JSONField(_("参考数据"), default=dict)

    class Meta(DataFileVersion.Meta):
        verbose_name = _("举措库版本")
        verbose_name_plural = _("举措库版本")
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="one_current_initiative_library",
            )
        ]

    def __str__(self):
        return f"initiatives v{self.version}"


class Initiative(models.Model):
    """One initiative of the library: what to do, who owns it, its 90-day MVP, the KPI it should
    move, its budget band and effort, the codes it moves and the initiatives it needs first."""

    library = models.ForeignKey(
        InitiativeLibrary, on_delete=models.PROTECT, related_name="initiatives"
    )
    code = models.CharField(_("编号"), max_length=10)
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(_("类别"), max_length=20)
    owner_role = models.CharField(_("负责角色"), max_length=20)
    budget_band = models.CharField(_("预算区间"), max_length=10)
    effort = models.CharField(_("工作量"), max_length=10)
    company_types = models.JSONField(_("适用企业类型"), default=list)
    moves = models.JSONField(_("推动的清单项和诊断标准"), default=list)
    prerequisites = models.JSONField(_("先决举措"), default=list)
    # title, what, mvp, pain, value, kpi: {zh, en} each.
    texts = models.JSONField(_("文本"), default=dict)

    class Meta:
        verbose_name = _("举措")
        verbose_name_plural = _("举措")
        ordering = ["library", "position"]
        constraints = [
            models.UniqueConstraint(fields=["library", "code"], name="unique_initiative_code")
        ]

    def __str__(self):
        return f"{self.code} {pick((self.texts or {}).get('title'))}"

    def text(self, key: str) -> str:
        return pick((self.texts or {}).get(key))

    @property
    def title(self) -> str:
        return self.text("title")

    @property
    def what(self) -> str:
        return self.text("what")

    @property
    def mvp(self) -> str:
        return self.text("mvp")

    @property
    def pain(self) -> str:
        return self.text("pain")

    @property
    def value(self) -> str:
        return self.text("value")

    @property
    def kpi(self) -> str:
        return self.text("kpi")
