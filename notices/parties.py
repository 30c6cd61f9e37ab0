"""What "Who we are" says about the organisations in a service, from its party records (services.ServiceParty).

Each sentence is licensed by the parties it names: no party of a role, no sentence about that role. Nothing
here reads the database; it works on the document's own lists, so the page, the PDF and the JSON say the same.
"""

from .prose import and_list


def _of(parties: list[dict], role: str) -> list[str]:
    return [party["name"] for party in parties if party["role"] == role]


def _provision(provider: str, parties: list[dict]) -> list[str]:
    partners, commissioners = _of(parties, "partner"), _of(parties, "commissioner")
    if not (partners or commissioners):
        return []
    said = f"{provider} provides it"
    if partners:
        said += f" in partnership with {and_list(partners)}"
    if commissioners:
        said += f" on behalf of {and_list(commissioners)}"
    return [f"{said}."]


def _control(parties: list[dict]) -> list[str]:
    controllers, processors = _of(parties, "controller"), _of(parties, "processor")
    said = []
    if controllers:
        one = len(controllers) == 1
        decides = "is the controller: it decides" if one else "are the controllers: they decide"
        said.append(f"{and_list(controllers)} {decides} how your information is used.")
    if processors:
        # Whose behalf: only the controllers recorded; with none recorded, the sentence names nobody.
        behalf = f" on behalf of {and_list(controllers)}" if controllers else " on behalf of the controller"
        handles = "handles" if len(processors) == 1 else "handle"
        said.append(f"{and_list(processors)} {handles} your information{behalf}.")
    return said


def _joint(parties: list[dict]) -> list[str]:
    joint = [party for party in parties if party["role"] == "joint"]
    if not joint:
        return []
    said = [f"{and_list([party['name'] for party in joint])} are joint controllers: they decide together how your "
            f"information is used."]
    # Art 26(2): the essence of the arrangement is made available; each distinct wording once.
    for arrangement in dict.fromkeys(party["arrangement"].strip() for party in joint if party["arrangement"].strip()):
        said.append(f"What they have agreed: {arrangement}")
    return said


def _subcontractors(provider: str, parties: list[dict]) -> list[str]:
    subcontractors = _of(parties, "subcontractor")
    if not subcontractors:
        return []
    works, does = ("works", "does") if len(subcontractors) == 1 else ("work", "do")
    return [f"{and_list(subcontractors)} {works} for {provider} under contract and only {does} what {provider} asks."]


def party_sentences(*, provider: str, parties: list[dict]) -> list[str]:
    """The sentences for one service: who provides it with and for whom, who controls the information, who
    processes it for whom, and who works under contract. `parties` are the document's party dicts."""
    return [*_provision(provider, parties), *_control(parties), *_joint(parties),
            *_subcontractors(provider, parties)]


def shared_sentences(services: list[dict]) -> list[str]:
    """Sentences every one of several services has (e.g. one council controls them all): said once, above the
    list, rather than once per service."""
    if len(services) < 2:
        return []
    first, *rest = (service["party_sentences"] for service in services)
    return [sentence for sentence in first if all(sentence in other for other in rest)]
