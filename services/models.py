"""The register of processing: who processes personal data, about whom, why, on what lawful basis,
where it comes from and who receives it. Notices are composed from these records."""

import re

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from simple_history.models import HistoricalRecords


class RegisterRecord(models.Model):
    """Fields every register record shares.

    Records are retired rather than deleted: a published notice may cite them, and the change history
    must stay readable.
    """

    note = models.TextField(
        blank=True,
        help_text="Internal note, never published: e.g. where a source notice was vague or out of date.",
    )
    retired = models.BooleanField(
        default=False,
        help_text="Retired records stay in published notices that used them but cannot be chosen for new ones.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking: forms carry the value they loaded, and a save is refused if it has moved on.
    lock_version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class OrganisationRecord(RegisterRecord):
    """A register record in one organisation's own words. Two organisations may each have a record of the
    same name; neither ever sees or cites the other's. Shared reference data (lawful bases, legislation)
    does not inherit from this."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", editable=False
    )

    # The field that names a record, unique within its organisation (see unique_per_organisation).
    NAME_FIELD = "name"

    class Meta:
        abstract = True

    def unique_error_message(self, model_class, unique_check):
        # Django's own words would be "… with this Organisation and Name already exists"; say whose. The code
        # names the field ("name_taken"), so validate_constraints can put the message on that field.
        if "organisation" not in unique_check:
            return super().unique_error_message(model_class, unique_check)
        name = next(field for field in unique_check if field != "organisation")
        label = model_class._meta.get_field(name).verbose_name
        return ValidationError(
            f"{self._meta.verbose_name.capitalize()} with the {label} “{getattr(self, name)}” already exists "
            f"in {self.organisation}'s register. Choose that one, or give this one a different {label}.",
            code=f"{name}_taken",
        )

    def validate_constraints(self, exclude=None):
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            # Django reports a broken constraint against the whole record; the field taken is what to change.
            errors: dict = {}
            for key, messages in error.error_dict.items():
                for message in messages:
                    taken = message.code.removesuffix("_taken") if (message.code or "").endswith("_taken") else ""
                    errors.setdefault(taken if key == NON_FIELD_ERRORS and taken else key, []).append(message)
            raise ValidationError(errors) from error


def unique_per_organisation(model_name: str, field: str = "name") -> models.UniqueConstraint:
    """Names are unique within an organisation, not across the portal: another council may have its own
    "Courts". Forms say so in words first (services.forms.RegisterForm); this is the database's backstop."""
    return models.UniqueConstraint(fields=["organisation", field], name=f"{model_name}_unique_{field}_per_organisation")


class Controller(OrganisationRecord):
    name = models.CharField("legal name", max_length=200)
    slug = models.SlugField(max_length=80, help_text="Used in web addresses. Lower case, hyphens.")
    other_names = models.CharField(
        max_length=300, blank=True, help_text="Trading names or the names people know you by, comma separated."
    )
    company_number = models.CharField(max_length=20, blank=True, help_text="Companies House number, if any.")
    charity_number = models.CharField(max_length=20, blank=True, help_text="Registered charity number, if any.")
    registered_office = models.TextField(blank=True)
    ico_registration_number = models.CharField(
        "ICO registration number", max_length=20, blank=True, help_text="From the ICO data protection fee register."
    )
    website = models.URLField(blank=True)
    is_public_authority = models.BooleanField(
        "public authority",
        default=False,
        help_text="Councils, NHS bodies and other public authorities cannot rely on legitimate interests "
        "for their public tasks and must appoint a data protection officer.",
    )
    dpo_name = models.CharField("DPO name", max_length=200, blank=True)
    dpo_email = models.EmailField("DPO email", blank=True)
    dpo_phone = models.CharField("DPO phone", max_length=40, blank=True)
    dpo_address = models.TextField("DPO postal address", blank=True)
    complaints_contact = models.TextField(
        "how to complain to us",
        blank=True,
        help_text="Who people complain to first, before the Information Commissioner: an email, a web form or an "
        "address. Leave blank to send complaints to the DPO's email.",
    )
    rights_request_instructions = models.TextField(
        "how to make a rights request",
        blank=True,
        help_text="How a person asks for a copy of their information or uses their other rights: "
        "who to write to, an email address, a form.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [unique_per_organisation("controller"), unique_per_organisation("controller", "slug")]

    def __str__(self):
        return self.name

    @property
    def has_dpo(self) -> bool:
        return bool(self.dpo_name or self.dpo_email)


class Service(OrganisationRecord):
    class Role(models.TextChoices):
        CONTROLLER = "controller", "We are the controller"
        PROCESSOR = "processor", "We process on behalf of another controller"
        JOINT = "joint", "We are joint controllers"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, help_text="Used in web addresses. Lower case, hyphens.")
    description = models.TextField(blank=True, help_text="What the service does, in a sentence or two.")
    controller = models.ForeignKey(
        Controller, on_delete=models.PROTECT, related_name="services", help_text="The organisation providing it."
    )
    # No default: "we are the controller" is a fact someone must choose, never one the portal assumes.
    role = models.CharField(
        "our role", max_length=20, choices=Role.choices,
        help_text="Whether the provider decides how the data is used (controller) or acts on another "
        "organisation's instructions (processor).",
    )
    other_controllers = models.ManyToManyField(
        Controller,
        blank=True,
        related_name="services_as_other_controller",
        help_text="When we are processor or joint controller: the controller(s) we act for or with.",
    )
    history = HistoricalRecords(m2m_fields=[other_controllers])

    class Meta:
        ordering = ["controller__name", "name"]
        constraints = [unique_per_organisation("service"), unique_per_organisation("service", "slug")]

    def __str__(self):
        return self.name


class ServiceParty(OrganisationRecord):
    """One organisation involved in a service and the part it plays: who controls the information, who
    provides the service for whom, with whom, and who works for them. "Who we are" says it in a sentence or
    two, from these rows only: a party not recorded is never named."""

    class Role(models.TextChoices):
        CONTROLLER = "controller", "Controller: decides how the information is used"
        JOINT = "joint", "Joint controller: decides with others how the information is used"
        PROCESSOR = "processor", "Processor for another controller: handles the information on its behalf"
        COMMISSIONER = "commissioner", "Commissioner: the service is provided on its behalf"
        PARTNER = "partner", "Partner: the service is provided in partnership with it"
        SUBCONTRACTOR = "subcontractor", "Sub-contractor: processes information for the provider under contract"

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="parties")
    body = models.ForeignKey(
        Controller, on_delete=models.PROTECT, related_name="service_parts", verbose_name="organisation",
        help_text="The organisation, as your register records it (add it as a controller record first).",
    )
    role = models.CharField(max_length=20, choices=Role.choices, help_text="The part it plays in the service.")
    arrangement = models.TextField(
        "essence of the joint arrangement", blank=True,
        help_text="For a joint controller: who does what under the arrangement, in the words the notice will use "
        "(UK GDPR Art 26(2) says its essence must be available to the people it is about).",
    )
    order = models.PositiveSmallIntegerField(
        default=1, help_text="Where it comes among the service's parties of the same role: 1 first."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["service__name", "order", "pk"]
        verbose_name = "party to a service"
        verbose_name_plural = "parties to services"
        constraints = [
            # One organisation plays a given part in a service once; it may play two parts (provider and partner).
            models.UniqueConstraint(fields=["service", "body", "role"], name="serviceparty_unique_role",
                                    violation_error_message="This organisation already has that role in this "
                                    "service. Change the record that is there instead."),
        ]

    def __str__(self):
        return f"{self.body}: {self.get_role_display().split(':')[0].lower()} of {self.service}"

    def clean(self):
        if self.arrangement.strip() and self.role != self.Role.JOINT:
            raise ValidationError({"arrangement": ValidationError(
                "Only a joint controller has an arrangement to describe: choose “Joint controller” or clear it.",
                code="arrangement_not_joint")})


class DataSubjectGroup(OrganisationRecord):
    name = models.CharField(max_length=200, help_text="e.g. Children and young people; Foster carers.")
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = "data subject group"
        constraints = [unique_per_organisation("datasubjectgroup")]

    def __str__(self):
        return self.name


class DataCategory(OrganisationRecord):
    class Kind(models.TextChoices):
        PERSONAL = "personal", "Personal data"
        SPECIAL = "special", "Special category data"
        CRIMINAL = "criminal", "Criminal offence data"

    class ObtainedFrom(models.TextChoices):
        PERSON = "person", "People give it to us themselves"
        OTHERS = "others", "We get it from others"
        BOTH = "both", "Both"

    name = models.CharField(max_length=200, help_text="e.g. Name and contact details.")
    description = models.TextField(blank=True)
    kind = models.CharField(
        max_length=20, choices=Kind.choices, default=Kind.PERSONAL,
        help_text="Special category data (health, ethnicity, religion, sexuality, biometrics, genetics, "
        "politics, trade union membership) and criminal offence data need extra conditions.",
    )
    # Art 13 (from the person) or Art 14 (from others, who must be named): the notice lists the two apart.
    # Blank until someone records it; the notice then lists the category without saying where it comes from.
    obtained_from = models.CharField(
        "where it comes from", max_length=20, choices=ObtainedFrom.choices, blank=True,
        help_text="Whether people give us this information themselves, we get it from others, or both.",
    )
    sources = models.ManyToManyField(
        "Source", blank=True, related_name="data_categories", verbose_name="who we get it from",
        help_text="When we get it from others: the people or organisations it comes from.",
    )
    history = HistoricalRecords(m2m_fields=[sources])

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "data categories"
        constraints = [unique_per_organisation("datacategory")]

    def __str__(self):
        return self.name


class LawfulBasis(models.Model):
    """Reference data: the UK GDPR bases and conditions and the DPA 2018 Sch 1 conditions.

    Loaded by a data migration from the verified reference table; admin-editable because the law moves
    (the DUAA 2025 changed several of these in 2026).
    """

    class Kind(models.TextChoices):
        ART6 = "art6", "UK GDPR Art 6 basis"
        ART9 = "art9", "UK GDPR Art 9 condition"
        ART10 = "art10_sch1", "Criminal offence data route (Art 10)"
        SCH1_PART1 = "sch1_part1", "DPA 2018 Sch 1 Part 1 condition"
        SCH1_PART2 = "sch1_part2", "DPA 2018 Sch 1 Part 2 condition"
        SCH1_PART3 = "sch1_part3", "DPA 2018 Sch 1 Part 3 condition"

    class Need(models.TextChoices):
        YES = "yes", "Yes"
        NO = "no", "No"
        CONDITIONAL = "conditional", "In some cases"
        NOT_APPLICABLE = "n/a", "Not applicable"

    code = models.SlugField(max_length=40, unique=True)
    article = models.CharField(max_length=80, help_text="e.g. UK GDPR Art 6(1)(e).")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    short_title = models.CharField(max_length=200)
    plain_english = models.TextField(help_text="What it means in law, in plain words: the legal detail, with notes "
                                     "for staff (e.g. amendments). Kept in the notice's JSON, not on its page.")
    # The public voice: one short sentence a parent can read, said once per basis on a notice.
    public_sentence = models.CharField(
        max_length=300, blank=True, help_text="One short sentence for the public, written for a parent, not a lawyer."
    )
    public_sentence_public_authority = models.CharField(
        "public sentence for a public authority", max_length=300, blank=True,
        help_text="For a basis public authorities may use only outside their public tasks: what the notice says "
        "instead, explaining that, never the bare legal restriction.",
    )
    needs_basis_in_law = models.CharField(max_length=12, choices=Need.choices, default=Need.NO)
    needs_sch1_condition = models.CharField(
        "needs a Sch 1 condition", max_length=12, choices=Need.choices, default=Need.NO
    )
    needs_appropriate_policy_document = models.CharField(max_length=12, choices=Need.choices, default=Need.NO)
    meets = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="satisfied_by",
        help_text="For a Sch 1 condition: the Art 9 condition (or Art 10 route) it satisfies.",
    )
    verified_source = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "id"]
        verbose_name_plural = "lawful bases"

    def __str__(self):
        return f"{self.article}: {self.short_title}"

    @property
    def is_sch1(self) -> bool:
        return self.kind.startswith("sch1_")


# A title that ends in a year, e.g. "Children Act 1989": the year is the Act's, so it must agree with `year`.
TITLE_YEAR = re.compile(r"(?<![\d/])(1[5-9]\d\d|20\d\d)\s*$")
LEGISLATION_GOV_UK = "https://www.legislation.gov.uk/"


class Legislation(RegisterRecord):
    """An Act or statutory instrument a purpose relies on.

    Shared by every organisation (an Act is the same Act for everyone). Rows `in_catalogue` are the checked
    reference catalogue, loaded from services/data/legislation-catalogue.csv and kept by DPOs: the compliance
    checks read their titles, years and status. Other rows are items staff added; the register marks them
    "not in the catalogue" until a DPO confirms the Act.
    """

    class Status(models.TextChoices):
        IN_FORCE = "in_force", "In force"
        REPEALED = "repealed", "Repealed"

    title = models.CharField(max_length=200, help_text="The short title, with its year: e.g. Children Act 1989.")
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    chapter = models.CharField(
        "chapter or SI number", max_length=40, blank=True, help_text="e.g. c. 41, or SI 2003/2426."
    )
    section = models.CharField(max_length=100, blank=True, help_text="Optional: the section relied on, e.g. s.47.")
    url = models.URLField("legislation.gov.uk address", blank=True)
    in_catalogue = models.BooleanField(
        "in the legislation catalogue", default=False,
        help_text="Catalogue entries were checked against legislation.gov.uk and are kept by DPOs.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_FORCE)
    replaced_by = models.CharField(
        max_length=200, blank=True, help_text="For a repealed Act: what replaced it, e.g. Data Protection Act 2018."
    )
    status_since = models.DateField("repealed on", null=True, blank=True)
    verified_source = models.TextField(
        "address read", blank=True, help_text="Where on legislation.gov.uk the title, year and number were checked."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["title", "section"]
        verbose_name_plural = "legislation"
        constraints = [
            # The same Act may be cited for different sections, but each section only once.
            models.UniqueConstraint(fields=["title", "section"], name="legislation_unique_title_section"),
            # The checks look an Act up by its title: two catalogue entries with one title would contradict.
            models.UniqueConstraint(
                fields=["title"], condition=models.Q(in_catalogue=True), name="legislation_catalogue_unique_title",
                violation_error_message="The legislation catalogue already has an entry with this title.",
            ),
        ]

    def __str__(self):
        return f"{self.title} {self.section}".strip()

    @property
    def is_repealed(self) -> bool:
        return self.status == self.Status.REPEALED

    def clean(self):
        errors = {}
        ends_in = TITLE_YEAR.search(self.title or "")
        if ends_in and self.year and int(ends_in.group(1)) != self.year:
            errors["year"] = ValidationError(
                "The title ends in %(title_year)s but the year is %(year)s. An Act's year is part of its title: "
                "correct whichever is wrong.",
                code="title_year_mismatch", params={"title_year": ends_in.group(1), "year": self.year},
            )
        if self.in_catalogue:
            errors.update(self._catalogue_errors())
        if errors:
            raise ValidationError(errors)

    def _catalogue_errors(self) -> dict:
        """A catalogue entry is what the checks trust, so it must carry everything they quote."""
        errors = {}
        if not self.year:
            errors["year"] = ValidationError("Enter the year of the Act or instrument", code="catalogue_year")
        if not self.chapter.strip():
            errors["chapter"] = ValidationError(
                "Enter the chapter number (c. 41) or SI number (SI 2003/2426)", code="catalogue_number"
            )
        if not (self.url or "").startswith(LEGISLATION_GOV_UK):
            errors["url"] = ValidationError(
                f"Enter the address of the Act on legislation.gov.uk, starting {LEGISLATION_GOV_UK}",
                code="catalogue_url",
            )
        if self.is_repealed and not self.replaced_by.strip():
            errors["replaced_by"] = ValidationError(
                "Enter what replaced the repealed Act, so the checks can say what to cite instead",
                code="catalogue_replacement",
            )
        return errors


class Purpose(OrganisationRecord):
    class CollectedFrom(models.TextChoices):
        PERSON = "person", "From the person themselves"
        ELSEWHERE = "elsewhere", "From other people or organisations"
        BOTH = "both", "Both"

    name = models.CharField(max_length=200, help_text="e.g. Safeguarding children.")
    description = models.TextField("plain-English description", blank=True)
    # Blank while the basis is not yet known (an old notice brought in may name none): the compliance checks
    # then block publishing, so the gap is visible rather than hidden behind a placeholder.
    art6_basis = models.ForeignKey(
        LawfulBasis, on_delete=models.PROTECT, null=True, blank=True, related_name="purposes_art6",
        limit_choices_to={"kind": LawfulBasis.Kind.ART6}, verbose_name="Art 6 lawful basis",
        help_text="Leave blank only while the basis is not known yet: a notice using this purpose cannot be "
        "published without a DPO override until one is chosen.",
    )
    art9_condition = models.ForeignKey(
        LawfulBasis, on_delete=models.PROTECT, null=True, blank=True, related_name="purposes_art9",
        limit_choices_to={"kind": LawfulBasis.Kind.ART9}, verbose_name="Art 9 condition",
        help_text="Needed when the purpose uses special category data.",
    )
    sch1_condition = models.ForeignKey(
        LawfulBasis, on_delete=models.PROTECT, null=True, blank=True, related_name="purposes_sch1",
        limit_choices_to={"kind__in": [LawfulBasis.Kind.SCH1_PART1, LawfulBasis.Kind.SCH1_PART2]},
        verbose_name="DPA 2018 Sch 1 condition",
        help_text="Needed for Art 9(2)(b), (g), (h), (i) and (j).",
    )
    criminal_condition = models.ForeignKey(
        LawfulBasis, on_delete=models.PROTECT, null=True, blank=True, related_name="purposes_criminal",
        limit_choices_to={"kind__in": [
            LawfulBasis.Kind.ART10, LawfulBasis.Kind.SCH1_PART1, LawfulBasis.Kind.SCH1_PART2,
            LawfulBasis.Kind.SCH1_PART3,
        ]},
        verbose_name="criminal offence data condition",
        help_text="Needed when the purpose uses criminal offence data: official authority, or a Sch 1 condition.",
    )
    legislation = models.ManyToManyField(
        Legislation, blank=True, related_name="purposes", verbose_name="supporting legislation",
        help_text="The law that gives the task or obligation (needed for legal obligation and public task).",
    )
    legitimate_interests = models.TextField(
        blank=True, help_text="When the basis is legitimate interests: the interests pursued, in plain English."
    )
    data_categories = models.ManyToManyField(DataCategory, blank=True, related_name="purposes")
    subject_groups = models.ManyToManyField(
        DataSubjectGroup, blank=True, related_name="purposes", verbose_name="data subject groups"
    )
    collected_from = models.CharField(
        "where the data comes from", max_length=20, choices=CollectedFrom.choices, default=CollectedFrom.PERSON,
        help_text="Decides whether UK GDPR Art 13 (from the person) or Art 14 (from elsewhere) applies.",
    )
    # Archiving, courts, audit: nothing is asked of the person for this purpose, so Art 13(2)(e) has nothing
    # to say about it.
    reuses_held_information = models.BooleanField(
        "uses information we already hold for another purpose",
        default=False,
        help_text="Tick when this purpose collects nothing new and only uses information already held for "
        "another purpose (e.g. archiving, audit, responding to courts).",
    )
    provision_requirement = models.TextField(
        "must people give us this information?",
        blank=True,
        help_text="Whether giving the data is required by law or a contract, and what happens if they don't "
        "(UK GDPR Art 13(2)(e)).",
    )
    automated_decisions = models.TextField(
        "automated decision-making",
        blank=True,
        help_text="Any significant decision made solely by automated means: the logic and its consequences. "
        "Leave blank when there is none.",
    )
    appropriate_policy_document = models.URLField(
        blank=True, help_text="Where the appropriate policy document for the Sch 1 condition is published, if needed."
    )
    history = HistoricalRecords(m2m_fields=[legislation, data_categories, subject_groups])

    class Meta:
        ordering = ["name"]
        constraints = [unique_per_organisation("purpose")]

    def __str__(self):
        return self.name


class Source(OrganisationRecord):
    class Kind(models.TextChoices):
        PERSON = "person", "The person themselves"
        ORGANISATION = "organisation", "A named organisation"
        CATEGORY = "category", "A category of organisation"
        PUBLIC = "public", "Publicly available information"

    name = models.CharField(max_length=200, help_text="e.g. Police; Your GP; Essex Police.")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CATEGORY)
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [unique_per_organisation("source")]

    def __str__(self):
        return self.name


class Recipient(OrganisationRecord):
    class Kind(models.TextChoices):
        ORGANISATION = "organisation", "A named organisation"
        CATEGORY = "category", "A category of recipient"

    class Role(models.TextChoices):
        CONTROLLER = "controller", "Controller (uses the data for its own purposes)"
        PROCESSOR = "processor", "Processor (acts on our instructions)"
        JOINT = "joint", "Joint controller"

    class Location(models.TextChoices):
        IN_UK = "in_uk", "In the UK"
        ABROAD = "abroad", "Outside the UK (name the country and the safeguard)"
        UNKNOWN = "unknown", "Not known yet"

    class Safeguard(models.TextChoices):
        NONE = "", "No safeguard recorded"
        APPROVED = "approved", "UK approval of the country (adequacy, UK GDPR Art 45A)"
        IDTA = "idta", "International Data Transfer Agreement (IDTA)"
        ADDENDUM = "addendum", "UK Addendum to the EU standard contractual clauses"
        BCR = "bcr", "Binding corporate rules"
        ART49 = "art49", "An exception for a specific situation (UK GDPR Art 49)"
        # Older notices cite arrangements that are not (or no longer) valid, e.g. the EU-US Privacy Shield;
        # recording what they say lets the compliance checks flag it.
        OTHER = "other", "Another safeguard (describe it)"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ORGANISATION)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.CONTROLLER)
    what_is_shared = models.TextField(blank=True)
    why_shared = models.TextField("why it is shared", blank=True)
    # A fact someone records, never assumed: a notice says information stays in the UK only when every
    # recipient is recorded as in the UK, and "not known yet" stops it being published.
    location = models.CharField(
        "where the recipient holds the information", max_length=20, choices=Location.choices,
        default=Location.UNKNOWN,
        help_text="Whether the recipient keeps or uses the information in the UK or outside it. Choose "
        "“Not known yet” until you have checked: a notice cannot be published while it is unknown.",
    )
    transfer_country = models.CharField(
        "country outside the UK", max_length=100, blank=True,
        help_text="Only when the recipient holds the information outside the UK.",
    )
    safeguard = models.CharField(
        "transfer safeguard", max_length=20, choices=Safeguard.choices, blank=True,
        help_text="What protects the data once it leaves the UK.",
    )
    safeguard_detail = models.TextField(
        "safeguard in detail", blank=True,
        help_text="What the safeguard is, in the words the notice will use. Needed for 'another safeguard'.",
    )
    safeguard_copy = models.TextField(
        "how to get a copy of the safeguard", blank=True,
        help_text="Where the safeguard is published, or how a person can ask for a copy.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [unique_per_organisation("recipient")]

    def __str__(self):
        return self.name

    def clean(self):
        # Every mistake at once, so the editor fixes them in one go.
        errors = {**self._location_errors(), **self._safeguard_errors()}
        if errors:
            raise ValidationError(errors)

    def _location_errors(self) -> dict:
        country = self.transfer_country.strip()
        if self.location == self.Location.ABROAD and not country:
            return {"transfer_country": ValidationError(
                "Enter the country outside the UK where the recipient holds the information.",
                code="country_missing")}
        if self.location != self.Location.ABROAD and country:
            return {"location": ValidationError(
                f"You named a country ({country}): choose “Outside the UK”, or remove the country if the "
                f"recipient holds the information in the UK or you do not know yet.", code="country_not_abroad")}
        return {}

    def _safeguard_errors(self) -> dict:
        if self.safeguard == self.Safeguard.OTHER and not self.safeguard_detail.strip():
            return {"safeguard_detail": ValidationError("Describe the safeguard.", code="safeguard_detail_missing")}
        if self.transfer_country.strip() and not self.safeguard:
            return {"safeguard": ValidationError(
                f"Data goes to {self.transfer_country.strip()}, outside the UK: choose the safeguard that "
                f"protects it.", code="safeguard_missing")}
        return {}

    @property
    def transfers_abroad(self) -> bool:
        return self.location == self.Location.ABROAD and bool(self.transfer_country.strip())
