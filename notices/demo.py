"""The demo notices: the three seed notices composed from their organisations' demo registers and published
through the real workflow (the organisation's demo IG officer submits, its demo DPO publishes), so the public
site, the history, the as-of lookup and the compare page have real content.

Free text is what the seeds say where the register has no structure for it, in the seeds' own words.
Seed 003 (a 2015 statement) is kept as two versions: first as the text it was published with on
16 June 2015, then re-expressed from register records, which is how an organisation would bring an old
notice into the portal. Its purposes move into the register; its sentence on retention stays free text, as it
gives no period a retention rule could record.
"""

import datetime as dt

from django.db import transaction

from services.demo.loader import ECC, HCRG, SeedLoad, demo_dpo, demo_officer
from services.models import Controller

from . import actions
from .models import Notice
from .sections import ORDERED_RELATIONS

DEMO_OVERRIDE = (
    "Demo: published as the organisation published it, so the compliance findings show the gaps in the real notice."
)

FREE_TEXT_001 = [
    (
        "why_we_use_it",
        "Reflective practice",
        "Health and care professionals may look at confidential patient information about the care they gave you "
        "to understand and learn from their work. This is called reflective practice and helps staff provide "
        "better and safer care. Only regulated health or social care professionals who cared for you may access "
        "your information for this reason.",
    ),
    (
        "why_we_use_it",
        "Repetitive Process Automation (RPA)",
        "For internal repetitive processes we may use secure automation tools, sometimes called “robots”, only for "
        "routine tasks such as updating records, generating reports or moving information between systems.\n\n"
        "No decisions about your care are made by these processes.",
    ),
    (
        "why_we_use_it",
        "Media and promotion",
        "We may use stories, images or recordings of you to help people understand what we do. We will always ask "
        "for your consent first.",
    ),
    (
        "why_we_use_it",
        "The Friends and Family Test",
        "NHS organisations, including HCRG Care Group, must use the Friends and Family Test to collect feedback and "
        "send the responses to NHS England each month. We collect feedback by text message, online and on paper.",
    ),
    (
        "why_we_use_it",
        "Text message reminders",
        "We send text messages to remind you of appointments. They contain nothing unrelated to your care. You can "
        "opt out by contacting the team you are in contact with.",
    ),
    (
        "how_long_we_keep_it",
        "CCTV",
        "We have CCTV at our premises for public and staff safety and to prevent and detect crime. Signs tell you "
        "where it operates and who to contact.\n\nImages are deleted 30 days after they were recorded, unless we "
        "need them for longer, for example while a crime is investigated. You can ask for a copy of images of "
        "yourself. We only disclose images to authorised bodies such as the police.",
    ),
    (
        "how_long_we_keep_it",
        "Call recordings",
        "We may record calls to our service for training and monitoring; an automated message tells you when. "
        "Recordings are deleted automatically after one year. You can ask for a copy of a recording of your call.",
    ),
    (
        "how_long_we_keep_it",
        "How we keep your information safe",
        "- Encryption of information when stored and when sent\n- Access only for staff who need it, with secure "
        "logins, multi-factor authentication and role-based permissions\n- NHS-approved hosting certified to "
        "ISO 27001 as a minimum\n- Regular security testing and independent audits\n- A practised process for "
        "security incidents\n- The NHS Data Security and Protection Toolkit, completed every year",
    ),
    (
        "your_rights",
        "The National Data Opt-Out",
        "You can opt out of your confidential patient information being used for purposes beyond your care. See "
        "[the National Data Opt-Out](https://digital.nhs.uk/national-data-opt-out).",
    ),
    (
        "changes",
        "If the contract for the service ends",
        "If our contract to provide the service ends, the relevant records are transferred to the new provider "
        "in line with UK data protection law.",
    ),
    (
        "changes",
        "Other formats",
        "If you would like this information in another format, such as large print, easy read or another "
        "language, please contact us.",
    ),
]

FREE_TEXT_002 = [
    (
        "who_we_share_with",
        "Your NHS number and My Care Record",
        "If you receive support from Children's Social Care, the NHS may share your NHS number with us so that the "
        "NHS and Children's Social Care use the same number to identify you. We use it in an integrated care "
        "record shared by GPs, hospitals, community matrons, district nurses and social care practitioners.",
    ),
    (
        "who_we_share_with",
        "Preventing and detecting fraud and crime",
        "We may use your information to prevent and detect fraud and crime. This may include sharing it with "
        "external agencies, which could lead to some services being declined.",
    ),
]

FREE_TEXT_003_STATEMENT = [
    (
        "why_we_use_it",
        "Why we use personal information",
        "Essex County Council may need to use some information about you to:\n\n- deliver services and support to "
        "you;\n- manage services;\n- train workers;\n- help investigate any worries or complaints you have about "
        "your services;\n- keep track of spending on services;\n- check the quality of services; and\n- help with "
        "research and planning of new services.",
    ),

]

FREE_TEXT_003_COMMON = [
    # The statement gives no retention period, so the register has no rule to replace these words with.
    (
        "how_long_we_keep_it",
        "How long we keep your personal information",
        "Please see our retention schedule, which explains the retention period for all information held by the "
        "Local Authority.",
    ),
    (
        "your_rights",
        "Seeing the information we hold about you",
        "We would normally share what we record about you whenever we assess your needs or provide services. You "
        "can also ask, in writing, for all the information we have about you. We will not show you parts of your "
        "record that contain confidential information about other people, or information a care professional "
        "thinks would cause serious harm to your or someone else's physical or mental wellbeing. If you cannot ask "
        "in writing, we will make sure there are other ways to apply.",
    ),
    (
        "your_rights",
        "Correcting information",
        "Let us know if you disagree with something written on your file. We will correct factual inaccuracies and "
        "may include your comments in the records.",
    ),
    (
        "who_we_share_with",
        "When we share information without your permission",
        "Sometimes we have a legal duty to give information to courts: when we take a child into care, for court "
        "orders, and in cases under mental health law. We may also share information when there is a good reason "
        "more important than your confidentiality: if a serious crime has been committed; if there are serious "
        "risks to the public, our staff or other professionals; to protect a child; or to protect adults thought "
        "to be at risk. We do not sell personal information for direct marketing.",
    ),
    (
        "how_long_we_keep_it",
        "How we keep information secure",
        "- Encryption\n- Access controls on systems\n- Security training for all staff",
    ),
    (
        "changes",
        "Cookies on our website",
        "We place small files (cookies) on your device to remember settings and to measure how the site is used "
        "with Google Analytics. By using our website, you agree that we can place these cookies. Videos from "
        "YouTube and feeds from Facebook and Twitter place their own cookies. You can stop cookies in your "
        "browser's settings.",
    ),
]


def _seed_order(load: SeedLoad) -> dict[str, list[int]]:
    """The purposes and recipients in the order their seed lists them (its main purpose first), not the
    register's alphabetical order."""
    return {name: [record.pk for record in getattr(load, name)] for name in ORDERED_RELATIONS}


def _compose(
    *,
    officer,
    slug: str,
    title: str,
    controller: Controller,
    load: SeedLoad,
    summary: str,
    free_text: list,
    parent: Notice | None = None,
    structured: bool = True,
) -> Notice:
    notice = actions.notice_create(
        actor=officer, organisation=load.organisation, title=title, slug=slug, controller=controller,
        summary=summary, parent=parent,
    )
    relations = {"services": [s for s in load.services if s.controller_id == controller.pk]}
    fields = {}
    if structured:
        relations |= {name: getattr(load, name) for name in Notice.RECORD_RELATIONS}
        fields = {"record_order": _seed_order(load)}
    notice = actions.notice_update(actor=officer, notice=notice, lock_version=notice.lock_version, fields=fields,
                                   relations=relations)
    for position, (placement, heading, body) in enumerate(free_text):
        actions.notice_section_add(
            actor=officer, notice=notice, heading=heading, body=body, placement=placement, position=position
        )
    return notice


def _publish(
    *, officer, dpo, notice: Notice, summary: str, effective_from: dt.date | None = None, historical: bool = False
):
    version = notice.versions.get(status="draft")
    actions.version_submit(actor=officer, version=version, change_summary=summary)
    return actions.version_publish(
        actor=dpo, version=version, effective_from=effective_from, historical=historical,
        override_reason=DEMO_OVERRIDE,
    )


@transaction.atomic
def demo_notices_load(*, loads: dict[str, SeedLoad]) -> list[Notice]:
    """Compose and publish the three seed notices. A notice that already exists is left as it is."""
    officer, dpo = demo_officer(ECC), demo_dpo(ECC)
    existing = set(
        Notice.objects.filter(
            slug__in=["essex-county-council", "essex-childrens-services", "essex-child-and-family-wellbeing"]
        ).values_list("slug", flat=True)
    )
    essex = Controller.objects.get(slug="essex-county-council", organisation=loads["002"].organisation)
    if "essex-county-council" not in existing:
        statement = _compose(
            officer=officer,
            slug="essex-county-council",
            title="Essex County Council privacy statement",
            controller=essex,
            load=loads["003"],
            structured=False,
            summary="How Essex County Council uses information about you. Service-specific notices give more "
            "detail about who we share information with and why.",
            free_text=FREE_TEXT_003_STATEMENT + FREE_TEXT_003_COMMON,
        )
        _publish(
            officer=officer,
            dpo=dpo,
            notice=statement,
            summary="Privacy statement as published on 16 June 2015",
            effective_from=dt.date(2015, 6, 16),
            historical=True,
        )
        statement = actions.notice_update(
            actor=officer,
            notice=statement,
            lock_version=statement.lock_version,
            fields={"record_order": _seed_order(loads["003"])},
            relations={
                name: getattr(loads["003"], name)
                for name in (
                    "purposes",
                    "subject_groups",
                    "retention_rules",
                    "recipients",
                    "sources",
                    "data_categories",
                )
            },
        )
        for section in statement.sections.filter(heading__in=[h for _, h, _ in FREE_TEXT_003_STATEMENT]):
            actions.notice_section_delete(actor=officer, section=section, lock_version=section.lock_version)
        _publish(
            officer=officer,
            dpo=dpo,
            notice=statement,
            summary="The 2015 statement brought into the portal: its purposes are now recorded in the register. "
            "The wording of the statement is otherwise unchanged.",
        )
    parent = Notice.objects.get(slug="essex-county-council")
    if "essex-childrens-services" not in existing:
        childrens = _compose(
            officer=officer,
            slug="essex-childrens-services",
            title="Privacy notice for children's services",
            controller=essex,
            load=loads["002"],
            parent=parent,
            free_text=FREE_TEXT_002,
            summary="How Essex County Council uses personal information when delivering its children's services: "
            "the services covered, the information used, who we share it with and how long we keep it.",
        )
        _publish(officer=officer, dpo=dpo, notice=childrens, summary="First version in the portal")
    if "essex-child-and-family-wellbeing" not in existing:
        hcrg = Controller.objects.get(slug="hcrg-care-services", organisation=loads["001"].organisation)
        wellbeing = _compose(
            officer=demo_officer(HCRG),
            slug="essex-child-and-family-wellbeing",
            title="Essex Child and Family Wellbeing Services – patient privacy notice",
            controller=hcrg,
            load=loads["001"],
            free_text=FREE_TEXT_001,
            summary="Who we are, why we collect information about you, how we use it, how we keep it safe and "
            "confidential, and your rights.",
        )
        _publish(officer=demo_officer(HCRG), dpo=demo_dpo(HCRG), notice=wellbeing,
                 summary="Notice last updated January 2026")
    return list(Notice.objects.order_by("title"))
