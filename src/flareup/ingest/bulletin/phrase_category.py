"""The category a count's noun phrase names (``phrase_category``), for
``categories.type_english``: the phrase split into modifiers ('new confirmed', 'imported
asymptomatic'), head noun ('cases', 'people', 'contacts', 'deaths') and the predicate after it
('were discharged', 'tested negative', 'remain in quarantine') is matched against the bulletin
vocabulary (reclassified, corrections, contacts, asymptomatic infections, released from
observation, tested, hospitalised, severe and critical, recovered, deaths, suspected, probable,
confirmed cases ...). The rules run in order; the first that matches decides.
"""

from __future__ import annotations

import re

from flareup.ingest.bulletin import flowwords, predicates, rx
from flareup.ingest.bulletin.cues import _P
from flareup.ingest.bulletin.families import Typing

#: "... close contacts were still under medical observation after": the observed before a
#: bare number that leaves observation
_OBSERVED_BEFORE = rx.compile(
    r"\bcontacts\b[^.;]{0,60}?\b(?:under|in)\s+(?:medical\s+)?(?:observation|quarantine)\b"
    r"[^.;\d]{0,20}$",
    re.IGNORECASE,
)


def phrase_category(
    sentence: str,
    start: int,
    end: int,
    before: str,
    before_near: str,
    phrase: str,
    own: str,
    mods: str,
    head: str,
    head_kind: str,
    pred: str,
    rest: str,
    np_m: re.Match[str] | None,
    t: Typing,
) -> str | None:
    """The category of the number at ``sentence[start:end]`` from its noun phrase: ``mods``
    and ``head`` (``head_kind``: the head as a kind of people or count), ``pred`` the words
    after it, ``own`` the three together, ``phrase`` the whole phrase after the number and
    ``rest`` what follows its head; ``before``/``before_near`` the clause before the number.
    Sets cues it finds on the way on ``t``."""
    cat: str | None = None
    text_own = own
    is_asym = (
        bool(_P["asymptomatic"].search(mods + " " + head))
        or bool(
            rx.match(
                r"\s*(?:were|are|was|is|being)?\s*(?:found\s+(?:to\s+be\s+)?|confirmed\s+as\s+|classified\s+as\s+)?asymptomatic",
                pred,
                re.IGNORECASE,
            )
        )
        # "4 new infections without symptoms", "41 people positive, all of them asymptomatic"
        or flowwords.says_asymptomatic(pred, sentence[end : end + 120])
        or bool(
            # "tested positive for the virus but displayed no symptoms"
            rx.match(
                r"[^.;\d]{0,60}?\btested\s+positive\b[^.;\d]{0,50}?(?:but|and)\s+"
                r"(?:displayed|showed|had|developed|presented|have|has)\s+no\s+symptoms|"
                r"[^.;\d]{0,60}?\btested\s+positive\b[^.;\d]{0,40}?without\s+"
                r"(?:showing\s+|any\s+|displaying\s+)?symptoms",
                sentence[end : end + 160],
                re.IGNORECASE,
            )
        )
    )
    if (
        not is_asym
        and head_kind in ("cases", "case")
        and not mods.strip()
        and rx.match(
            r"\s*(?:(?:are|is|were|was|remain)\s+)?still\s+under\s+(?:medical\s+)?observation",
            pred,
            re.I,
        )
        and rx.search(r"\basymptomatic\s+infections?\b[^.;]*$", sentence[:start], re.IGNORECASE)
    ):
        # "11 asymptomatic infections were released, and 136 cases are still under medical
        # observation": the cases still observed are the asymptomatic ones of the clause before
        is_asym = True
    if _P["reclassified"].search(text_own[:120]):
        cat = "reclassified"
    elif _P["correction"].search(pred[:40]) and head_kind in ("cases", "case", ""):
        cat = "correction"
    elif (
        (not np_m or head_kind in ("cases", "case"))  # ("removed 12 cases from the tally")
        and rx.search(r"\b(?:deducted|subtracted|removed|struck)\s+$", before_near, re.IGNORECASE)
        and rx.match(r"\s*(?:(?:[\w-]+\s+){0,2}?cases?\s+)?from\b", phrase, re.IGNORECASE)
    ):
        cat = "correction"  # "deducted one from its total confirmed cases"
    elif head_kind.startswith("contact") or (head_kind == "close contacts"):
        # "83 contacts of the health-care worker infected in Madrid have completed the 21-day
        # follow-up": the verb may come after a long post-modifier, within the clause
        if _P["released_obs"].search(rx.split(r"[;.]|,\s*(?:while|and|but)\b", rest)[0][:120]):
            cat = "contacts_released"
        elif rx.match(
            r"\s*(?:(?:who\s+)?(?:were|was|have|has|had|are|is)\s+)?(?:all\s+)?(?:been\s+)?"
            r"(?:tested|returned|turned\s+out|came\s+back|found\s+(?:to\s+be\s+)?)\s*negative\b",
            pred,
            re.IGNORECASE,
        ):
            cat = "tested_negative"  # "22 contacts tested negative": their test results
        elif _P["observation"].search(pred) or _P["observation"].search(mods):
            cat = "under_observation"
        else:
            cat = "contacts"
    elif is_asym and (
        _P["released_obs"].search(own)
        or flowwords.released_before(before_near, pred)
        or rx.match(
            r"\s*(?:were|was|have\s+been|had\s+been)\s+(?:discharged|released)\b", pred, re.I
        )
    ):  # "4,004 asymptomatic infections were discharged": released from observation
        cat = "asymptomatic_released"  # a flow or a total as the words around it say
    elif (
        (
            is_asym
            and _P["observation"].search(pred)
            # ("three asymptomatic cases reported within quarantined areas": where found)
            and not rx.match(
                r"\s*(?:(?:were|was)\s+)?(?:reported|found|detected|identified|discovered)\b",
                pred,
                re.I,
            )
        )
        or (
            is_asym
            # "195 local asymptomatic cases and five imported ones are under medical observation"
            and rx.match(
                r"[^.;]{0,100}?\b(?:and|or)\s+(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|"
                r"ten)\s+[^.;\d]{0,60}?\b(?:are|were|remain(?:ed)?)\s+(?:still\s+)?(?:under\s+"
                r"(?:medical\s+)?observation|in\s+quarantine)",
                sentence[end : end + 200],
                re.IGNORECASE,
            )
        )
    ):
        cat = "asymptomatic_active"
    elif head_kind == "people" and _P["released_obs"].search(pred[:60]):
        cat = "contacts_released"  # "1,000 people were released from quarantine"
    elif head_kind in ("people", "") and rx.search(
        r"\b(?:infected|sickened|affected|infecting|sickening)\s+(?:more\s+than\s+|about\s+|nearly\s+|some\s+|over\s+|at\s+least\s+)?$",
        before_near,
        re.IGNORECASE,
    ):
        cat = "cases"  # "has infected 612,703 people"
        if rx.search(
            r"\b(?:has|have|had)\s+(?:\w+\s+)?(?:infected|sickened|affected)", before_near, re.I
        ):
            t.stock = True
    elif (
        head_kind in ("deaths", "death", "fatalities", "fatality", "dead")
        # "the country lost 18 COVID-19 patients during the same period": they died
        or (
            head_kind in ("patients", "patient", "people", "persons", "lives")
            and rx.search(r"\b(?:lost|loses|losing)\s+(?:another\s+|a\s+further\s+)?$", before_near)
        )
        # "3,417 cases of fatality": deaths, as 'cases of death' are
        or (head_kind in ("cases", "case") and rx.match(r"\s*of\s+fatalit(?:y|ies)\b", pred, re.I))
        # "17 cases of Ebola, 11 of them fatal"
        or (not np_m and rx.match(r"\s*(?:(?:were|was|have\s+been|proved)\s+)?fatal\b", phrase))
        or (
            # ("650 with 26 deaths": the deaths are a second count)
            _P["death"].search(
                rx.split(r"[,;]|\baccording\b|\b(?:and|with|including)\s+\d", pred[:40])[0]
            )
            and head_kind in ("people", "patients", "cases", "")
            and not rx.search(r"\b(?:infections?|cases?)\b", pred[:25])
        )
        or (
            rx.search(
                # (not "75 new cases, raising the toll to": the toll of the cases)
                r"\b(?:death\s+toll|(?<!bringing\sthe\s)(?<!raising\sthe\s)(?<!taking\sthe\s)"
                r"(?<!pushing\sthe\s)toll|deaths?|fatalities)\b"
                r"(?:(?!tally|caseload|cases|infections)[^.;]){0,30}"
                r"(?:to|at|of|was|is|reached|hit)\s+$",
                before_near,
                re.IGNORECASE,
            )
            and not np_m
        )
        or rx.search(
            r"\b(?:kill(?:ed|ing|s)|(?:claim(?:ed|ing|s)?|took|taken|cost)\s+the\s+lives\s+of)\s+"
            r"(?:at\s+least\s+|more\s+than\s+|about\s+|nearly\s+)?$",
            before_near,
            re.IGNORECASE,
        )
    ):
        cat = "deaths"
    elif (
        head_kind == ""
        and rx.match(r"\s*(?:were|was|have\s+been|had\s+been)\s+(?:discharged|released)\b", pred)
        and _OBSERVED_BEFORE.search(sentence[max(0, start - 90) : start])
    ):
        # "6,558 close contacts were under medical observation after 412 were discharged": a
        # bare number discharged from the observation its clause names
        cat = "contacts_released"
    elif (
        head_kind in ("recoveries", "discharges")
        or (
            _P["recovered"].search(mods)
            and head_kind in ("cases", "case", "patients", "people", "")
        )
        or (
            _P["recovered"].search(pred[:45])
            and head_kind in ("people", "patients", "cases", "")
            # "32 were discharged from medical observation": released, of what was observed
            and not (head_kind == "" and _P["released_obs"].search(pred[:60]))
            # "2,100 patients have not yet recovered": still ill
            and not rx.match(r"\s*(?:\w+\s+){0,2}?(?:not\s+yet|yet\s+to)\b", pred)
        )
    ):
        cat = "recovered"
    elif (
        # ("..., 3 have died, and 51 are still being treated in hospital": a bare number too)
        head_kind in ("people", "patients") or (head_kind == "" and not np_m)
    ) and rx.match(
        r"\s*(?:(?:who\s+)?(?:are|were|is|remain)\s+)?(?:still\s+|currently\s+)?(?:under\s+"
        # "20,835 people are under active medical supervision": cases still under care
        r"(?:active\s+)?(?:medical\s+)?treatment|under\s+active\s+(?:medical\s+)?(?:supervision|care)|"
        # (not "being treated in intensive care": severe, below)
        r"being\s+treated(?!\s+(?:in|at)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}?(?:intensive|icus?\b))|"
        r"receiving\s+(?:medical\s+)?treatment|undergoing\s+treatment|"
        # "77 patients in the designated treatment centres"
        r"in\s+(?:the\s+)?(?:designated\s+)?(?:treatment|isolation)\s+(?:cent(?:er|re)s?|facilit(?:y|ies)|units?)|"
        # "40,336 patients are yet to recover": not recovered yet, still ill
        r"(?:have\s+|has\s+)?(?:yet\s+to|not\s+yet)\s+(?:recover|been\s+discharged|be\s+discharged))",
        pred,
        re.IGNORECASE,
    ):
        cat = "cases"  # "The state now has 52,678 people under treatment": cases still active
        t.active = True
        t.stock = True
    elif (
        head_kind in ("people", "patients")
        and rx.match(
            r"\s*(?:(?:who\s+)?(?:are|were|is|was|remain)\s+)?in\s+(?:home|institutional|facility|"
            r"hospital)\s+isolation\b",
            pred,
            re.IGNORECASE,
        )
        and rx.search(r"\bquarantin", sentence, re.IGNORECASE)
    ):
        # "828 persons in home isolation and 67 persons in institutional quarantine": where the
        # text tells isolation from quarantine, the isolated are cases, the quarantined contacts
        cat = "cases"
        t.active = True
        t.stock = True
    elif (
        _P["observation"].search(pred[:50])
        and head_kind in ("people", "")
        and not _P["positive"].search(pred[:30])
        # ("2 local cases and 5 in hotel quarantine": an item found on arrival, the head's kind)
        and not (head_kind == "" and t.imported)
    ) or (
        head_kind == "people"
        and rx.search(
            r"\b(?:monitoring|observing|following\s+up(?:\s+on)?|quarantining|quarantined|isolating|"
            r"isolated)\s+"
            r"(?:some\s+|about\s+|more\s+than\s+|nearly\s+)?$",
            before_near,
            re.IGNORECASE,
        )
    ):
        cat = "under_observation"  # "Health officials are monitoring 400 people"
    elif head_kind == "people" and rx.match(
        r"\s*(?:who|that)\s+(?:(?:have|had)\s+)?(?:came\s+into|come\s+into|had|have|were\s+in|"
        r"identified\s+as|were\s+identified\s+as)\s+(?:close\s+)?contacts?\b",
        pred,
        re.IGNORECASE,
    ):
        cat = "contacts"  # "394 people who came into close contact with ... have been traced"
    elif (
        head_kind
        in ("tests", "test", "samples", "sample", "swabs", "specimens", "specimen", "results")
        or (
            # "Of 29 cases with specimens collected, 19 have been confirmed"
            head_kind in ("cases", "patients", "people")
            and rx.match(
                r"\s*with\s+(?:a\s+)?(?:specimens?|samples?|swabs?)\s+(?:collected|taken|tested)",
                rest,
                re.IGNORECASE,
            )
        )
        or (
            # "388 cases were investigated", "566 (5.8%) were laboratory tested": the verb of
            # testing outweighs a head of cases or patients (those tested, not those found)
            head_kind in ("people", "", "cases", "case", "patients")
            and rx.match(
                r"\s*(?:(?:were|have\s+been|had\s+been|had|have|was|being)\s+)?"
                r"(?:(?:laboratory|lab)[- ])?(?:tested|screened|sampled|swabbed|investigated)\b"
                r"(?!\s+(?:positive|negative))",
                pred,
                re.IGNORECASE,
            )
        )
        or (
            rx.search(
                r"\b(?:(?:tested|testing|screened|screening|sampled|conducted|performed|carried\s+out|"
                r"collected)|(?:tak(?:ing|en)|took|collect(?:ing|ed))\s+(?:swab\s+|nucleic\s+acid\s+)?"
                r"samples\s+from|"
                # "samples were collected from 73 patients": those the samples came from
                r"(?:samples?|specimens?|swabs?)\s+(?:were|was|have\s+been|had\s+been)\s+"
                r"(?:collected|taken|obtained)\s+from)\s+(?:a\s+total\s+of\s+|more\s+than\s+|over\s+|nearly\s+|about\s+|"
                r"some\s+|around\s+)?$",
                before_near,
                re.IGNORECASE,
            )
            # "has tested 4.7 million people"; "samples were taken from 73 patients": the
            # patients the samples came from
            and (
                not np_m
                or head_kind == "people"
                or (
                    head_kind in ("patients", "cases", "persons", "individuals")
                    and rx.search(r"\bfrom\s+(?:[a-z]+\s+){0,2}$", before_near, re.IGNORECASE)
                )
            )
        )
    ):
        if _P["negative"].search(pred[:60]) or _P["negative"].search(mods):
            cat = "tested_negative"
        elif rx.search(r"\bpositive\b", mods, re.IGNORECASE):
            cat = "tested_positive"  # "51 positive test results"
        elif rx.match(
            r"\s*(?:(?:were|was|have|had|came\s+back)\s+)?(?:tested\s+)?positive|\s*(?:\w+\s+){0,3}(?:returned|were|came\s+back|tested)\s+positive|"
            # "2,747 samples were found to be positive"
            r"\s*(?:(?:were|was|have\s+been|had\s+been)\s+)?(?:found|confirmed|detected)\s+(?:to\s+be\s+)?positive|"
            r"\s*(?:were|was|have\s+been|had\s+been)\s+(?:laboratory[- ]|lab[- ])?confirmed\b",
            pred,
            re.IGNORECASE,
        ):
            cat = "tested_positive"
        else:
            cat = "tested"
    elif head_kind in ("people", "", "cases", "patients") and rx.match(
        r"\s*(?:(?:who\s+)?(?:were|was|have|has|had|are|is)\s+)?(?:\w+\s+){0,1}(?:tested|turned\s+out|found\s+(?:to\s+be\s+)?|confirmed\s+)?negative|"
        # "34 cases whose results have changed from positive to negative"
        r"\s*whose\s+(?:(?:test|laboratory|lab|pcr)\s+)?(?:results?|tests?)\s+(?:have\s+|has\s+|had\s+)?"
        r"(?:changed|turned|became|converted|come\s+back|came\s+back)\b[^.;]{0,40}?\bnegative",
        pred,
        re.IGNORECASE,
    ):
        cat = "tested_negative"
    elif (
        head_kind in ("hospitalizations", "hospitalisations", "admissions")
        or (
            # "197 hospitalized suspected cases": those in hospital, whatever their status
            head_kind in ("cases", "case", "patients", "people")
            and rx.search(r"\bhospitali[sz]ed\b", mods, re.IGNORECASE)
        )
    ) or (
        head_kind in ("people", "patients", "cases", "")
        and rx.match(
            r"\s*(?:(?:who\s+)?(?:were|are|was|is|have\s+been|had\s+been|remain(?:ed|ing)?)\s+)?(?:still\s+|currently\s+|now\s+)?(?:being\s+)?(?:hospitali[sz]ed|in\s+(?:the\s+|all\s+(?:the\s+)?)?hospital|admitted|in-?patients\b|"
            # "11 currently on admission"
            r"on\s+admission\b)",
            pred,
            re.IGNORECASE,
        )
    ):
        cat = "hospitalized"
        if (
            head_kind in ("cases", "case")
            # ("two imported cases in hospitals": a bulletin's kinds of confirmed case)
            and rx.search(r"\b(?:confirmed|imported|local(?:ly)?)\b", mods, re.IGNORECASE)
            and rx.match(
                r"\s*(?:(?:are|is|remain)\s+)?(?:still\s+|currently\s+|now\s+)?in\s+(?:the\s+)?"
                r"hospitals?\b",
                pred,
                re.IGNORECASE,
            )
        ):
            # "The province has 34 confirmed cases in hospital": the confirmed cases there
            # now, the existing (active) ones of a bulletin, not admissions
            cat = "active"
        elif flowwords.still_in_hospital(head_kind, pred, sentence[max(0, start - 60) : end + 80]):
            cat = "active"  # "38 patients remain in hospital": active, not admissions
    elif (
        _P["severe"].search(mods)
        or predicates.intensive_care(pred)
        or rx.match(
            r"\s*(?:(?:who\s+)?(?:were|are|was|is|remain(?:ed)?)\s+)?(?:still\s+|also\s+)?(?:in\s+)?(?:a\s+)?(?:severe|serious|critical|unstable)(?:ly\s+ill)?\b|\s*(?:(?:were|are|was|is|remain)\s+)?on\s+(?:a\s+)?(?:ventilators?|mechanical\s+ventilation|respirators?)\b|\s*(?:(?:were|are|was|is)\s+)?in\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}(?:intensive\s+care|icus?\b)",
            pred,
            re.IGNORECASE,
        )
    ):
        cat = "severe"
    elif _P["mild"].search(mods) or (
        head_kind in ("cases", "case", "patients", "people", "")
        and rx.match(
            r"\s*(?:(?:who\s+)?(?:are|were|is|was|remain)\s+)?(?:in\s+)?(?:a\s+)?mild(?:ly\s+ill)?\b|"
            r"\s*(?:(?:who\s+)?(?:have|had|has|with|showing)\s+)mild\s+symptoms",
            pred,
            re.IGNORECASE,
        )
    ):
        cat = "mild"  # "The remaining 8 cases are mild"
        t.active = False
    elif len(set(rx.findall(r"\b(suspect|probable|confirmed)", mods, re.IGNORECASE))) >= 2:
        cat = "cases"  # "39 suspected, probable, or confirmed cases": all of them
    elif rx.search(r"\bconfirmed\s+(?:or|and)\s+asymptomatic\b", mods, re.IGNORECASE):
        cat, t.all_infections = "cases", True  # "153 confirmed or asymptomatic cases"
    elif (
        _P["suspected"].search(mods)
        or (
            head_kind in ("cases", "case", "")
            and rx.match(
                r"\s*(?:(?:are|were|is|was|remain(?:s|ed)?)\s+)?(?:still\s+)?(?:being\s+investigated|"
                r"under\s+investigation)",
                pred,
                re.IGNORECASE,
            )
        )
        or (
            (not np_m or head_kind == "people")  # "10 people remain suspected of being infected"
            and rx.match(
                r"\s*(?:who\s+)?(?:were|are|was|is|remain(?:ed)?)\s+(?:still\s+|currently\s+|now\s+)?(?:classified\s+as\s+|considered\s+)?suspect",
                pred,
                re.IGNORECASE,
            )
        )
    ):
        cat = "suspected"
    elif _P["probable"].search(mods) or (
        not np_m
        and rx.match(
            r"\s*(?:were|are|was|is)\s+(?:classified\s+as\s+|considered\s+)?probable",
            pred,
            re.IGNORECASE,
        )
    ):
        cat = "probable"
    elif is_asym:
        cat = "asymptomatic"
        kind = rx.match(
            r"\s*(?:new\s+)?(?P<k>imported|local|locally[- ]transmitted)\s+(?:confirmed\s+)?"
            r"(?:[\w-]+\s+)?cases?\b[^.;,\d]*?(?:\([^()]*\)\s*)?\band\s+$",
            before,
            re.IGNORECASE,
        )
        if kind is not None and not (
            t.local or t.imported or mods.strip().lower().startswith("new")
        ):
            # "1 new imported confirmed case (A) and 32 asymptomatic infections were added": a
            # translated bulletin's section names the origin once for both kinds
            t.imported = kind.group("k").lower() == "imported"
            t.local = not t.imported
    elif (
        head_kind
        in (
            "cases",
            "case",
            "infections",
            "infection",
            "transmissions",
            "transmission",
            "patients",
            "patient",
            "positives",
            "positive",
            "carriers",
        )
        or (
            # "61 people have died and 240 have been sickened": a bare number's own verb of falling ill
            head_kind == ""
            and not np_m
            and rx.match(
                r"\s*(?:(?:have|has|had|were|was)\s+)?(?:been\s+)?(?:sickened|infected|fell\s+ill|"
                r"became\s+(?:ill|sick|infected)|contracted\s+(?:the\s+)?(?:disease|virus|infection))\b",
                pred,
                re.IGNORECASE,
            )
        )
        or (
            head_kind == "people"
            and rx.match(
                r"\s*(?:(?:who\s+)?(?:may|might|could|are\s+(?:believed|thought|feared)\s+to)\s+)?"
                r"(?:(?:who\s+)?(?:have|has|had|were|was|are|is)\s+)?(?:been\s+)?(?:newly\s+)?(?:tested|found|confirmed|diagnosed|infected|reported|sickened|fell\s+ill|contracted|caught|became\s+infected|test|symptomatic|(?:showed|developed|had)\s+symptoms|(?:actively\s+|currently\s+)?suffering\s+from)\b",
                pred,
                re.IGNORECASE,
            )
        )
    ):
        cat = "cases"
        if (
            (
                head_kind == "people"
                and rx.match(
                    r"\s*(?:(?:who\s+)?(?:have|has|had|were|was)\s+)?(?:been\s+)?tested\s+positive|\s*(?:were|was)\s+found\s+(?:to\s+be\s+)?positive",
                    pred,
                    re.IGNORECASE,
                )
                # "7,587 people tested positive ... on Tuesday", "290 people were tested
                # positive within the past 24 hours": a day's people found ill are its cases
                and not (
                    rx.match(r"\s*(?:were\s+|was\s+)?tested\s+positive\b", pred, re.I)
                    and rx.search(r"\b(?:people|persons|individuals)\b", phrase[:40], re.I)
                )
            )
            # "13,353 confirmed positive cases" are confirmed cases
            or (
                rx.search(r"(?<!confirmed\s)\bpositive\s+cases?\b", mods + " " + head, re.I)
                and predicates.positive_is_test_result(sentence)
            )
            or (head_kind in ("positives", "positive"))
            # "40 cases of local positive infections" (阳性感染者): confirmed and asymptomatic
            or rx.match(r"\s*(?:[\w-]+\s+){0,7}?positive\s+infections?\b", phrase, re.I)
        ):
            cat = "positive"
            if t.stock is None and rx.match(
                r"\s*(?:who\s+)?(?:have|has|had)\s+(?:\w+\s+)?tested\s+positive", pred, re.I
            ):
                t.stock = True  # "more than 240,000 people have tested positive": so far
    elif (
        head_kind == ""
        and mods.strip()
        and rx.search(r"\b(?:confirmed|infected|positive)\b", mods, re.IGNORECASE) is not None
    ):
        cat = "cases"
    elif head_kind == "" and mods.strip() and (t.local or t.imported):
        cat = None  # "20 imported, 22 local": an item of the list
    return cat
