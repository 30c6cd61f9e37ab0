"""The rules on paragraphs no seed contains: they are patterns for how notices are written, not one notice's
strings."""

import pytest

from imports.reading import read


def proposals(text: str, record_type: str) -> list[dict]:
    return [p.values for p in read("text", text.encode()).proposals if p.record_type == record_type]


def codes(text: str) -> set[str]:
    return {values["code"] for values in proposals(text, "lawful_basis")}


@pytest.mark.django_db
class TestLawfulBases:
    def test_it_reads_citations_in_every_usual_form(self):
        text = ("Our lawful basis\n\nWe rely on Article 6(1)(e) UK GDPR and, for payroll, 6(1)(c). Health data is "
                "processed under Art. 9(2)(h) and Schedule 1, Part 1, paragraph 2 of the DPA 2018.")

        assert {"art6_1_e", "art6_1_c", "art9_2_h", "sch1_p1_2"} <= codes(text)

    def test_it_reads_plain_words_in_the_voice_of_the_list(self):
        text = ("Why we can use your information\n\nFor personal data we rely on:\n\n• our public task\n"
                "• your vital interests\n\nFor special category data we rely on:\n\n• substantial public interest\n"
                "• your vital interests\n• explicit consent")

        found = codes(text)

        assert {"art6_1_e", "art6_1_d", "art9_2_g", "art9_2_c", "art9_2_a"} <= found
        assert "art6_1_a" not in found  # "explicit consent" was said of special category data

    def test_it_names_the_sch1_condition_an_art9_condition_needs(self):
        text = "Our legal basis\n\nFor special category data we rely on public health reasons."

        assert {"art9_2_i", "sch1_p1_3"} <= codes(text)

    def test_it_does_not_read_bases_into_sentences_about_something_else(self):
        text = "About us\n\nWe run public tasks for the county and care about your vital interests."

        assert codes(text) == set()


@pytest.mark.django_db
class TestRetention:
    def test_it_reads_fixed_periods_with_what_they_count_from(self):
        text = ("How long we keep information\n\n• Pupil files are kept for 25 years after the date of birth of the "
                "pupil\n• Complaints records are retained for six years from closure")

        periods = {(v["period_number"], v["period_unit"], v["trigger"]) for v in proposals(text, "retention_rule")}

        assert periods == {(25, "years", "the date of birth of the pupil"), (6, "years", "closure")}

    def test_it_reads_periods_that_end_at_an_event(self):
        text = "Retention\n\nMaternity records are held until the child's 25th birthday, then destroyed."

        (rule,) = proposals(text, "retention_rule")

        assert rule["period_kind"] == "until_event" and "25th birthday" in rule["until_event"]
        assert rule["record_type"] == "Maternity records"

    def test_it_does_not_take_ages_or_durations_of_service_for_periods(self):
        text = "Our services\n\nWe support young people aged 14 to 25 years, and carers for 72 hours a week."

        assert proposals(text, "retention_rule") == []


@pytest.mark.django_db
class TestOrganisationsAndDpo:
    def test_it_finds_the_controller_its_numbers_and_its_dpo(self):
        text = ("Who we are\n\nNorthshire Borough Council is the data controller. Our ICO registration number is "
                "Z1234567.\n\nOur Data Protection Officer\n\nJane Smith\nCounty Hall\nMarket Road\nNorthtown\nNT1 2AB"
                "\nTelephone: 01234 567890\nEmail: dpo@northshire.gov.uk\n\nYou can complain to the Information "
                "Commissioner at casework@ico.org.uk.")

        (controller,) = proposals(text, "controller")
        (dpo,) = proposals(text, "dpo")

        assert controller["name"] == "Northshire Borough Council"
        assert controller["ico_registration_number"] == "Z1234567"
        assert dpo == {"dpo_name": "Jane Smith", "dpo_email": "dpo@northshire.gov.uk", "dpo_phone": "01234 567890",
                       "dpo_address": "County Hall\nMarket Road\nNorthtown\nNT1 2AB"}

    def test_it_finds_the_bodies_a_service_is_run_with(self):
        text = ("About this service\n\nThe service is provided by Acme Health Services Ltd in partnership with "
                "Riverside Hospice, on behalf of Westmoor NHS Foundation Trust (WNFT).")

        names = {v["name"]: v for v in proposals(text, "controller")}

        assert set(names) == {"Acme Health Services Ltd", "Riverside Hospice", "Westmoor NHS Foundation Trust"}
        assert names["Westmoor NHS Foundation Trust"]["other_names"] == "WNFT"


@pytest.mark.django_db
class TestRecipientsAndTransfers:
    def test_it_reads_a_list_of_recipients_and_a_processor_abroad(self):
        text = ("Who we share it with\n\nWe may pass your information to:\n\n• schools and colleges\n"
                "• Northshire Police\n\nOur suppliers include:\n\n• CloudCo for hosting our case system\n\n"
                "Transfers abroad\n\nCloudCo stores backups in India under an International Data Transfer Agreement.")

        found = {v["name"]: v for v in proposals(text, "recipient")}

        assert set(found) == {"Schools and colleges", "Northshire Police", "CloudCo"}
        assert found["CloudCo"]["role"] == "processor" and found["CloudCo"]["why_shared"] == "Hosting our case system."
        assert (found["CloudCo"]["transfer_country"], found["CloudCo"]["safeguard"]) == ("India", "idta")
        assert found["Schools and colleges"]["kind"] == "category"

    def test_it_keeps_the_occasions_of_a_named_recipient_out_of_the_recipients(self):
        text = ("Sharing\n\nWe must give information to tribunals, including:\n\n• when you appeal a decision\n"
                "• if a judge orders it")

        assert [v["name"] for v in proposals(text, "recipient")] == ["Tribunals"]


@pytest.mark.django_db
class TestCategoriesAndLegislation:
    def test_it_marks_special_category_and_criminal_offence_data(self):
        text = ("What information we hold\n\nWe hold the following information:\n\n• your address\n"
                "• details of any disability or medical condition\n• religious beliefs\n• youth cautions and offences")

        kinds = {v["name"]: v["kind"] for v in proposals(text, "data_category")}

        assert kinds == {"Your address": "personal", "Details of any disability or medical condition": "special",
                         "Religious beliefs": "special", "Youth cautions and offences": "criminal"}

    def test_it_matches_legislation_against_the_catalogue_with_or_without_the_year(self):
        text = "Our legal basis\n\nWe have duties under the Children Act 1989, the Care Act and the Education Act."

        titles = {v["title"] for v in proposals(text, "legislation")}

        # The catalogue has one Care Act (2014) but four Education Acts: a yearless "Education Act" is not guessed.
        assert titles == {"Children Act 1989", "Care Act 2014"}
