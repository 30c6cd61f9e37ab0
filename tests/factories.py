"""factory_boy factories for register records and notices."""

import factory

from accounts.models import Membership, Organisation
from retention.models import LegalHold, RetentionRule
from services.models import (
    Controller,
    DataCategory,
    DataSubjectGroup,
    LawfulBasis,
    Legislation,
    Purpose,
    Recipient,
    Service,
    ServiceParty,
    Source,
)


def basis(code: str) -> LawfulBasis:
    return LawfulBasis.objects.get(code=code)


DEFAULT_ORGANISATION = ("Borsetshire County Council", "borsetshire")


def default_organisation() -> Organisation:
    """The organisation records and personas belong to unless a test names another: most tests are about
    one organisation's register, and records must share one to be used together."""
    name, slug = DEFAULT_ORGANISATION
    return Organisation.objects.get_or_create(slug=slug, defaults={"name": name})[0]


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")


def member(user, organisation: Organisation | None = None, role: str = Membership.Role.IG_OFFICER) -> Membership:
    """Make `user` a member of `organisation` (the default one) with `role`, replacing any role there."""
    organisation = organisation or default_organisation()
    return Membership.objects.update_or_create(user=user, organisation=organisation, defaults={"role": role})[0]


class OrganisationRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    organisation = factory.LazyFunction(default_organisation)


class ControllerFactory(OrganisationRecordFactory):
    class Meta:
        model = Controller

    name = factory.Sequence(lambda n: f"Borsetshire Council {n}")
    slug = factory.Sequence(lambda n: f"borsetshire-{n}")
    is_public_authority = True
    dpo_name = "Dana Protector"
    dpo_email = "dpo@borsetshire.example"
    dpo_address = "County Hall, Borchester, BO1 1AA"
    registered_office = "County Hall, Borchester, BO1 1AA"
    rights_request_instructions = "Email dpo@borsetshire.example or write to County Hall."


class ServiceFactory(OrganisationRecordFactory):
    class Meta:
        model = Service

    name = factory.Sequence(lambda n: f"Family support {n}")
    slug = factory.Sequence(lambda n: f"family-support-{n}")
    description = "Helps families through difficult times."
    controller = factory.SubFactory(ControllerFactory, organisation=factory.SelfAttribute("..organisation"))
    role = Service.Role.CONTROLLER


class ServicePartyFactory(OrganisationRecordFactory):
    class Meta:
        model = ServiceParty

    service = factory.SubFactory(ServiceFactory, organisation=factory.SelfAttribute("..organisation"))
    body = factory.SubFactory(ControllerFactory, organisation=factory.SelfAttribute("..organisation"))
    role = ServiceParty.Role.PARTNER


class DataSubjectGroupFactory(OrganisationRecordFactory):
    class Meta:
        model = DataSubjectGroup
        django_get_or_create = ["organisation", "name"]

    name = "Children and young people"


class DataCategoryFactory(OrganisationRecordFactory):
    class Meta:
        model = DataCategory
        django_get_or_create = ["organisation", "name"]

    name = factory.Sequence(lambda n: f"Contact details {n}")
    kind = DataCategory.Kind.PERSONAL


class LegislationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Legislation
        django_get_or_create = ["title", "section"]

    title = "Children Act 1989"
    section = ""
    year = 1989
    chapter = "c. 41"
    url = "https://www.legislation.gov.uk/ukpga/1989/41"


class PurposeFactory(OrganisationRecordFactory):
    """A public-task purpose with everything a notice must say about it (see notices.compliance)."""

    class Meta:
        model = Purpose
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Supporting families {n}")
    description = "To give families the help they need."
    art6_basis = factory.LazyFunction(lambda: basis("art6_1_e"))
    collected_from = Purpose.CollectedFrom.PERSON
    provision_requirement = "You do not have to give us this information, but without it we may not be able to help."

    @factory.post_generation
    def legislation(purpose, create, extracted, **kwargs):
        # Public task needs the law it rests on; pass legislation=[] for a purpose that names none.
        if create:
            purpose.legislation.set(extracted if extracted is not None else [LegislationFactory()])


class SourceFactory(OrganisationRecordFactory):
    class Meta:
        model = Source
        django_get_or_create = ["organisation", "name"]

    name = "Police"
    kind = Source.Kind.CATEGORY


class RecipientFactory(OrganisationRecordFactory):
    class Meta:
        model = Recipient
        django_get_or_create = ["organisation", "name"]

    name = factory.Sequence(lambda n: f"Recipient {n}")
    kind = Recipient.Kind.ORGANISATION
    role = Recipient.Role.CONTROLLER
    transfer_country = ""
    # Recorded as a fact: abroad where a test names a country, otherwise in the UK.
    location = factory.LazyAttribute(
        lambda r: Recipient.Location.ABROAD if r.transfer_country else Recipient.Location.IN_UK
    )


class RetentionRuleFactory(OrganisationRecordFactory):
    class Meta:
        model = RetentionRule
        django_get_or_create = ["organisation", "record_type"]

    record_type = factory.Sequence(lambda n: f"Case records {n}")
    period_kind = RetentionRule.PeriodKind.FIXED
    period_number = 35
    period_unit = RetentionRule.Unit.YEARS
    trigger = "last contact"
    authority = "Council retention schedule"


class LegalHoldFactory(OrganisationRecordFactory):
    class Meta:
        model = LegalHold
        django_get_or_create = ["organisation", "name"]

    name = "UK Covid-19 Inquiry"
    imposed_by = "NHS England"


class NoticeFactory(factory.django.DjangoModelFactory):
    """A notice with its draft version 1, as notice_create makes it.

    By default it is complete enough to publish (no blocking compliance findings): one purpose and one
    retention rule. Pass purposes=[...] or retention_rules=[...] (or []) to choose them.
    """

    class Meta:
        model = "notices.Notice"
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Family support privacy notice {n}")
    slug = factory.Sequence(lambda n: f"family-support-{n}")
    organisation = factory.LazyFunction(default_organisation)
    controller = factory.SubFactory(ControllerFactory, organisation=factory.SelfAttribute("..organisation"))
    summary = "We use your information to support your family."

    @factory.post_generation
    def draft(notice, create, extracted, **kwargs):
        from notices.models import NoticeVersion

        if create:
            NoticeVersion.objects.create(notice=notice, number=1, status=NoticeVersion.Status.DRAFT)

    @factory.post_generation
    def purposes(notice, create, extracted, **kwargs):
        if create:
            purposes = extracted if extracted is not None else [PurposeFactory(organisation=notice.organisation)]
            notice.purposes.set(purposes)

    @factory.post_generation
    def retention_rules(notice, create, extracted, **kwargs):
        if create:
            rules = extracted if extracted is not None else [RetentionRuleFactory(organisation=notice.organisation)]
            notice.retention_rules.set(rules)


class NoticeSectionFactory(factory.django.DjangoModelFactory):
    """Free text placed after one of the standard sections."""

    class Meta:
        model = "notices.NoticeSection"

    notice = factory.SubFactory(NoticeFactory)
    heading = "CCTV"
    body = "We use CCTV at our family hubs to keep people safe."
    placement = "why_we_use_it"

def full_notice(**kwargs):
    """A notice that uses every kind of register record: a DPO, special category data, a processor in the
    US, a retention rule, a source, a legal hold and a free-text section. Its draft version 1 is open."""
    from notices.models import NoticeSection
    from services.models import Recipient as RecipientModel

    controller = kwargs.pop("controller", None) or ControllerFactory(
        dpo_name="Priya Okafor", dpo_email="dpo@borsetshire.example", dpo_phone="01632 960 000",
        ico_registration_number="Z1234567", website="https://www.borsetshire.example",
    )
    kwargs.setdefault("purposes", [])
    kwargs.setdefault("retention_rules", [])
    notice = NoticeFactory(controller=controller, **kwargs)
    health = DataCategoryFactory(name="Health information", kind=DataCategory.Kind.SPECIAL)
    purpose = PurposeFactory(
        name=f"Assessing a child's needs ({notice.slug})",
        art9_condition=basis("art9_2_h"),
        sch1_condition=basis("sch1_p1_2"),
    )
    purpose.data_categories.add(health, DataCategoryFactory(name="Name, address and date of birth"))
    purpose.subject_groups.add(DataSubjectGroupFactory())
    purpose.legislation.add(LegislationFactory())
    notice.purposes.add(purpose)
    notice.services.add(ServiceFactory(controller=controller))
    notice.sources.add(SourceFactory(name="Schools and nurseries"))
    notice.recipients.add(
        RecipientFactory(name="NHS Borsetshire Integrated Care Board", why_shared="to plan health care"),
        RecipientFactory(
            name="CaseCloud Inc.",
            role=RecipientModel.Role.PROCESSOR,
            why_shared="hosts our case management system",
            transfer_country="the United States",
            safeguard=RecipientModel.Safeguard.IDTA,
            safeguard_copy="Ask our data protection officer for a copy.",
        ),
    )
    notice.retention_rules.add(RetentionRuleFactory(record_type="Child protection case records", period_number=40))
    notice.legal_holds.add(LegalHoldFactory(name="Independent Inquiry into Child Sexual Abuse", imposed_by="IICSA"))
    NoticeSection.objects.create(
        notice=notice,
        heading="CCTV in our family centres",
        body="We record video in the **public areas** of our family centres.\n\n"
        "- Recordings are kept for 31 days.\n- See [our CCTV policy](https://www.borsetshire.example/cctv).",
        placement="who_we_share_with",
    )
    return notice


def failed_publish_job(notice=None):
    """A publish of a notice's version 1 that did not happen (a row for pages that show one)."""
    from django.contrib.auth.models import User

    from notices.models import PublishJob

    notice = notice or NoticeFactory()
    requester = User.objects.create_user(f"requester-{User.objects.count()}")
    return PublishJob.objects.create(version=notice.versions.get(number=1), requested_by=requester,
                                     status=PublishJob.Status.FAILED, reason="Its PDF could not be made.")


def failed_export_job(organisation=None):
    """An export of `organisation`'s notices (the default one) that did not happen."""
    from django.contrib.auth.models import User

    from notices.models import ExportJob

    requester = User.objects.create_user(f"exporter-{User.objects.count()}")
    job = ExportJob.objects.create(requested_by=requester, description="every published version",
                                   status=ExportJob.Status.FAILED, reason="The archive could not be written.")
    job.organisations.set([organisation or default_organisation()])
    return job
