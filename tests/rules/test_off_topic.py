"""FAQ302 off-topic: entries about something other than what their collection is about."""
from __future__ import annotations

from pipeline.clean import clean_collection
from pipeline.rules.off_topic import OffTopic

from rules.support import (active_options, check_collection, collection, entry, position, rule_set,
                           write_collection, yaml_collection)

THERAPY = [
    ("Can I hug my therapist?", "Many therapists are comfortable with a brief hug at the end of a session "
     "if you ask first. Your therapist may also say no, and that is their right."),
    ("Is it normal to cry in therapy?", "Yes. Crying in a therapy session is common, and your therapist "
     "sees it often. It can be a sign that you are working through something important."),
    ("How often should I see my therapist?", "Most clients see their therapist once a week at first. As "
     "therapy progresses, you and your therapist may agree to meet every two weeks."),
    ("What should I talk about in my first therapy session?", "In the first session your therapist will "
     "ask about your history and what brings you to therapy. Talk about what worries you most."),
    ("Can my therapist tell anyone what I say?", "What you tell your therapist is confidential. A "
     "therapist may only break confidentiality if you or someone else is in danger."),
    ("How do I know if my therapist is a good fit?", "A good therapist listens without judging you and "
     "helps you set goals for therapy. If you do not feel heard after a few sessions, say so."),
    ("Do therapists get attached to their clients?", "Therapists care about their clients, and some feel "
     "attached to them. A good therapist keeps that care within professional boundaries."),
    ("Can I text my therapist between sessions?", "It depends on your therapist. Some therapists answer "
     "short texts between sessions; others ask you to keep everything for the next session."),
    ("What if I do not like my therapist?", "Tell your therapist, or look for another one. Finding the "
     "right therapist sometimes takes a few tries, and a good therapist will understand."),
    ("How long does therapy take?", "Some clients feel better after a few therapy sessions; others stay "
     "in therapy for years. Your therapist can help you decide when to stop."),
]
STRAYS = [
    ("Can humans bite through bone?", "The human jaw is strong, but human teeth are not made to bite "
     "through large bones."),
    ("Why do cats purr?", "Cats purr when they are content, and also when they are hurt or frightened."),
]

SHOP = [
    # shipping
    ("How long does shipping take?", "Orders within Germany arrive in 2 to 3 business days. "
     "International delivery takes 5 to 10 business days."),
    ("How much does shipping cost?", "Shipping is free on orders over 50 euros. Below that, standard "
     "delivery costs 4.90 euros."),
    ("Do you ship internationally?", "Yes, we deliver to most countries in Europe and to the United "
     "States and Canada."),
    ("Can I track my order?", "Yes. As soon as your parcel leaves our warehouse we send you an email "
     "with a tracking link."),
    ("Can I change my delivery address after ordering?", "Yes, as long as the order has not shipped. "
     "Write to support with your order number."),
    # returns
    ("How do I return an item?", "Log in, open your order and choose Return. Print the free return "
     "label and drop the parcel at any post office."),
    ("How long do I have to return something?", "You can return unworn items within 30 days of "
     "delivery for a full refund."),
    ("When will I get my refund?", "We refund your payment within 5 days after your return arrives at "
     "our warehouse."),
    # payment
    ("Which payment methods do you accept?", "We accept credit cards, PayPal, Apple Pay and bank transfer."),
    ("Is it safe to pay by credit card on your site?", "Yes. Card payments are processed by our payment "
     "provider over an encrypted connection; we never see your card number."),
    ("Do you have gift cards?", "Yes, gift cards are available from 10 to 200 euros and never expire."),
    # accounts
    ("How do I create an account?", "Click Sign up at the top of any page and enter your email address "
     "and a password."),
    ("I forgot my password. What now?", "Click Forgot password on the login page and we will email you "
     "a link to choose a new one."),
    ("Can I order without an account?", "Yes, you can check out as a guest. An account lets you see "
     "your orders and save your address."),
    ("How do I delete my account?", "Write to support from the email address of your account and we "
     "will delete it and your data within 30 days."),
    # one-of-a-kind questions every shop FAQ has
    ("Do you have a physical store?", "No, we only sell online. You can pick up orders at our warehouse "
     "in Leipzig by appointment."),
    ("Is there a size guide?", "Yes, every product page has a size chart with measurements in "
     "centimetres."),
    ("Are your products vegan?", "Most of our shoes are vegan; each product page lists the materials."),
]


def _collection(rows, name="therapy"):
    return collection(*(entry(q, a) for q, a in rows), name=name)


def test_strays_in_a_collection_on_one_topic():
    target = _collection(THERAPY[:5] + STRAYS[:1] + THERAPY[5:] + STRAYS[1:])
    findings = check_collection(OffTopic, target)
    assert [f.entry.question for f in findings] == ["Can humans bite through bone?", "Why do cats purr?"]
    for finding in findings:
        assert finding.field == "question"
        assert finding.remove is True and finding.fix is None
        assert finding.message.startswith("off-topic for this collection: relevance 0.000 is below ")
        assert "(collection median " in finding.message


def test_the_same_collection_without_strays_keeps_everything():
    assert check_collection(OffTopic, _collection(THERAPY)) == []


def test_a_shop_faq_about_many_things_keeps_everything():
    assert check_collection(OffTopic, _collection(SHOP, "shop")) == []


def test_cleaning_keeps_the_whole_shop_faq(tmp_path):
    target = _collection(SHOP, "shop")
    result = clean_collection(target, [], rule_set(tmp_path))
    assert len(target.entries) == len(SHOP)
    assert result.removals.entries == []


def test_small_collections_are_not_judged():
    rows = THERAPY[:6] + STRAYS[:1]
    assert len(rows) < OffTopic.options["min_entries"]
    assert check_collection(OffTopic, _collection(rows)) == []
    [finding] = check_collection(OffTopic, _collection(rows), options={"min_entries": 5})
    assert finding.entry.question == "Can humans bite through bone?"


def test_options_from_the_configuration(tmp_path):
    rows = THERAPY + STRAYS
    assert active_options(tmp_path, OffTopic, min_entries=20)["min_entries"] == 20
    assert check_collection(OffTopic, _collection(rows), options=active_options(
        tmp_path, OffTopic, min_entries=20)) == []
    # An absolute threshold of 0 lets nothing be off-topic...
    assert check_collection(OffTopic, _collection(rows), options=active_options(
        tmp_path, OffTopic, threshold=0)) == []
    # ...and so does a ratio of 0 (nothing is below 0 times the median).
    assert check_collection(OffTopic, _collection(rows), options=active_options(
        tmp_path, OffTopic, ratio=0.0)) == []
    # A demanding configuration judges more entries off-topic; the message names its cutoff.
    demanding = active_options(tmp_path, OffTopic, threshold=1.0, ratio=1.0)
    findings = check_collection(OffTopic, _collection(rows), options=demanding)
    assert len(findings) > 2
    default = check_collection(OffTopic, _collection(rows))
    cutoff = float(default[0].message.split("is below ")[1].split()[0])
    assert cutoff < float(findings[0].message.split("is below ")[1].split()[0])


def test_cleaning_removes_the_strays_with_all_their_reasons(tmp_path):
    link = entry("Can humans bite through bone?", "", signals=frozenset({"navigation"}))
    target = collection(*(entry(q, a) for q, a in THERAPY), link, entry(*STRAYS[1]), name="therapy")
    result = clean_collection(target, [], rule_set(tmp_path))
    assert [e.question for e in target.entries] == [q for q, _ in THERAPY]
    reasons = {item.question: [r.name for r in item.reasons] for item in result.removals.entries}
    assert reasons == {"Can humans bite through bone?": ["missing-answer", "navigation-link", "off-topic"],
                       "Why do cats purr?": ["off-topic"]}
    [purr] = [item for item in result.removals.entries if item.question == "Why do cats purr?"]
    assert purr.answer == STRAYS[1][1]
    assert purr.reasons[0].code == "FAQ302" and "median" in purr.reasons[0].message


def test_cleaning_with_the_rule_switched_off_keeps_the_strays(tmp_path):
    target = _collection(THERAPY + STRAYS)
    result = clean_collection(target, [], rule_set(tmp_path, ignore=["FAQ302"]))
    assert len(target.entries) == len(THERAPY) + len(STRAYS) and result.removals.entries == []


def test_lint_points_at_the_stray_question(corpus, faq):
    text = yaml_collection("therapy", THERAPY[:4] + STRAYS[:1] + THERAPY[4:])
    write_collection(corpus, "therapy", text)
    result = faq("lint", cwd=corpus)
    assert result.returncode == 0, result.output
    line, column = position(text, "question: Can humans bite through bone?")
    problems = [l for l in result.stdout.splitlines() if "FAQ302" in l]
    assert len(problems) == 1
    assert problems[0].startswith(f"clean/therapy.yaml:{line}:{column}: warning FAQ302 off-topic for this "
                                  "collection: relevance 0.000 is below ")
    assert problems[0].endswith(" (off-topic)")
    (corpus / "faq.toml").write_text('language = "en"\n\n[rules.off-topic]\nmin_entries = 12\n',
                                     encoding="utf-8")
    assert "FAQ302" not in faq("lint", cwd=corpus).stdout


# -- the scores as defined, computed in passes that keep no entry's stems -----------

import random  # noqa: E402
import statistics  # noqa: E402
from collections import Counter  # noqa: E402

import pytest  # noqa: E402

from pipeline.language import content_stems  # noqa: E402
from pipeline.rules.off_topic import relevance_scores  # noqa: E402


def _reference_scores(target, whole_entry=False):
    """The definition, holding every entry's stems at once."""
    documents = [set(content_stems(f"{e.question}\n{e.answer}", target.language)) for e in target.entries]
    frequency = Counter(stem for document in documents for stem in document)
    others = max(1, len(documents) - 1)
    scores = []
    for item, document in zip(target.entries, documents):
        stems = (not whole_entry and set(content_stems(item.question, target.language))) or document
        scores.append(sum((frequency[s] - (s in document)) / others for s in stems) / len(stems)
                      if stems else 0.0)
    return scores


def _random_rows(rng, count):
    words = ("therapist session hug cry client boundary bone cat purr shipping order refund "
             "the a is can my how why").split()
    rows = []
    for _ in range(count):
        question = " ".join(rng.choice(words) for _ in range(rng.randint(0, 6))) + "?"
        answer = " ".join(rng.choice(words) for _ in range(rng.randint(1, 15))) + "."
        rows.append((question, answer))
    return rows


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("whole_entry", [False, True])
def test_scores_are_those_of_the_definition(seed, whole_entry):
    rng = random.Random(seed)
    target = _collection(THERAPY + STRAYS if seed == 0 else _random_rows(rng, rng.randint(1, 40)))
    assert relevance_scores(target, whole_entry) == pytest.approx(_reference_scores(target, whole_entry))


@pytest.mark.parametrize("seed", range(6))
def test_findings_are_those_of_the_definition(seed):
    rng = random.Random(seed)
    target = _collection(THERAPY + STRAYS + _random_rows(rng, rng.randint(0, 12)))
    scores, whole = _reference_scores(target), _reference_scores(target, whole_entry=True)
    cutoff = min(OffTopic.options["threshold"], statistics.median(scores) * OffTopic.options["ratio"])
    expected = [e.question for e, s, w in zip(target.entries, scores, whole) if s < cutoff and w < cutoff]
    assert [f.entry.question for f in check_collection(OffTopic, target)] == expected
