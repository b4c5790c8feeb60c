"""A seeded synthetic corpus for the benchmark: realistic FAQ entries in several
topics, with planted problems that `faq lint` should find.

    python bench/generate.py --entries 100000 --out /tmp/corpus-100k
    python bench/generate.py --entries 1000000 --collections 1000 --format jsonl --out /tmp/c1m
    python bench/generate.py --entries 2000 --seed 7 --out /tmp/small --quiet

It writes a corpus root: ``faq.toml``, ``schema/`` (the schemas `faq` ships, so that
peers such as check-jsonschema can validate the same files with the same schema)
and ``clean/`` with one collection per file. YAML collections are rendered by
`pipeline.corpus.render_collection`, byte for byte as `faq ingest` writes them.
JSONL collections (``clean/<name>.jsonl``) hold the collection document without
``entries`` on line 1 and one entry object per line after it, each exactly as in
the YAML ``entries`` list.

Each collection has one topic (shipping, therapy, accounts, travel, cooking,
insurance, ...). Questions come from the topic's templates with its verbs and
nouns, plus names drawn with Zipf's law from a vocabulary of made-up words that
grows with the corpus (Heaps' law), so that, as in real scrapes, a few words are
very common and most are rare. Planted, at fixed shares and counted:

- exact duplicates: an earlier question again, in other case or punctuation
  (duplicate-question, FAQ301);
- near duplicates: an earlier question with another auxiliary ("How do I" / "How
  can I") and sometimes one more word (near-duplicate-question, FAQ304);
- duplicate answers: an earlier entry's answer under a new question (FAQ305);
- off-topic entries: an entry of another topic (off-topic, FAQ302);
- truncations: an answer cut off mid-sentence, marked ``truncated: true`` as
  cleaning marks it (truncated-answer, FAQ203).

Memory is bounded: one collection at a time is built and written, and the pool
of earlier entries that planted copies are drawn from is a fixed-size reservoir.
The plan (how many of each) is printed, and written to ``bench-plan.json``.
"""
from __future__ import annotations

import argparse
import bisect
import hashlib
import itertools
import json
import os
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.corpus import collection_to_data, entry_to_data, render_collection  # noqa: E402
from pipeline.model import Collection, Entry, Provenance, Source, text_fingerprint  # noqa: E402

SHARES = {  # planted problems, as shares of all entries
    "exact_duplicates": 0.01,
    "near_duplicates": 0.02,
    "duplicate_answers": 0.005,
    "off_topic": 0.005,
    "truncations": 0.01,
}
RESERVOIR = 5000  # earlier entries of each topic kept to copy planted problems from
AUXILIARIES = ["do", "can", "should", "could"]
SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in ("a", "e", "i", "o", "u", "ai", "ou")]

# Question templates shared by every topic: {v} a verb, {n}/{m} nouns, {x}/{y}
# names of the topic's vocabulary, {aux} an auxiliary (a function word, so that
# swapping it keeps every content word: the classic near duplicate).
QUESTIONS = [
    "How {aux} I {v} my {x} {n}?",
    "How {aux} I {v} the {n} for {x}?",
    "What {aux} I do if my {n} from {x} is {adj}?",
    "Why {aux} I need a {n} to {v} {x}?",
    "When {aux} I {v} my {x} {n}?",
    "Where {aux} I find the {n} of the {x} {m}?",
    "Which {n} {aux} I choose for {x} and {y}?",
    "Is it possible to {v} a {adj} {n} with {x}?",
    "How long does it take to {v} a {n} from {x}?",
    "What happens if I {v} my {n} after the {x} {m}?",
    "Can my {m} {v} the {n} for {x}?",
    "Who {aux} I contact about a {adj} {n} at {x}?",
]
# An entry from a neighbouring page, as scrapes pick them up: the other topic's
# words only, in none of the templates above ("Can humans bite through bone?").
STRAY_QUESTIONS = ["Can a {m} {v} a {n}?", "Why do {adj} {n}s {v}?", "Is a {adj} {n} bad for {x}?"]
ANSWERS = [
    "You can {v} your {n} from the {x} page in your account.",
    "Most {n}s are ready within {k} days; {adj} ones can take longer.",
    "Yes. Ask your {m} first, then {v} the {n} as usual.",
    "No, a {adj} {n} cannot be used with {x}.",
    "Contact the {x} team with your {n} number and we will help you {v} it.",
    "It depends on the {n}: {x} offers {k} options, and each has its own rules.",
    "Open the {n} settings, choose {x} and follow the steps to {v} it.",
    "We recommend that you {v} the {n} at least {k} days before your {m}.",
]

TOPICS: dict[str, dict[str, list[str]]] = {
    "shipping": {
        "v": "ship track return exchange cancel insure reroute pack".split(),
        "n": "order parcel package refund label invoice courier delivery".split(),
        "m": "warehouse neighbour carrier customs".split(),
        "adj": "damaged late missing oversized fragile".split(),
        "say": ["Parcels leave our warehouse on weekdays and the courier scans each package at pickup.",
                "Customs may hold an international parcel; the carrier emails a tracking update."],
    },
    "therapy": {
        "v": "hug see discuss book cancel trust question end".split(),
        "n": "therapist session counselor appointment diagnosis treatment feeling boundary".split(),
        "m": "psychologist psychiatrist partner doctor".split(),
        "adj": "anxious awkward emotional difficult painful".split(),
        "say": ["Therapists keep professional boundaries so that sessions stay safe for the client.",
                "Talk about your feelings with your counselor; therapy works best with honesty."],
    },
    "accounts": {
        "v": "reset change verify delete recover link unlock export".split(),
        "n": "password account email username profile login subscription device".split(),
        "m": "administrator browser authenticator phone".split(),
        "adj": "locked expired compromised duplicate inactive".split(),
        "say": ["Sign in with your username, then visit the security area to manage your password.",
                "A verification code goes to the email or phone linked to the login."],
    },
    "travel": {
        "v": "book change upgrade refund check board pack rebook".split(),
        "n": "flight ticket seat luggage passport visa itinerary boarding".split(),
        "m": "airline airport gate terminal".split(),
        "adj": "delayed overbooked lost overweight cancelled".split(),
        "say": ["Passengers should reach the airport terminal two hours before departure.",
                "The airline rebooks travellers on the next flight when a departure is cancelled."],
    },
    "cooking": {
        "v": "bake roast freeze thaw season marinate store knead".split(),
        "n": "dough chicken bread sauce oven recipe yeast flour".split(),
        "m": "pan freezer skillet grill".split(),
        "adj": "soggy burnt raw salty dense".split(),
        "say": ["Preheat the oven, knead the dough until smooth and let the yeast rise.",
                "Cooked chicken keeps in the fridge for a while, or frozen for months."],
    },
    "insurance": {
        "v": "claim renew insure cancel appeal file cover transfer".split(),
        "n": "policy premium deductible claim coverage beneficiary insurer accident".split(),
        "m": "agent adjuster broker underwriter".split(),
        "adj": "denied pending uninsured lapsed retroactive".split(),
        "say": ["Your insurer reviews each claim against the policy coverage and the deductible.",
                "An adjuster inspects the damage before the premium or payout is settled."],
    },
}


def vocabulary(size: int, rng: random.Random) -> list[str]:
    """``size`` distinct made-up words: product, place and brand names."""
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


class ZipfWords:
    """Words drawn with Zipf's law from one vocabulary (rank r has weight 1/r)."""

    def __init__(self, words: list[str], rng: random.Random) -> None:
        self.words = words
        self.rng = rng
        self.weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(words))))

    def __call__(self) -> str:
        return self.words[bisect.bisect_left(self.weights, self.rng.random() * self.weights[-1])]


@dataclass
class Plan:
    """What was generated, and how many of each planted problem."""

    entries: int = 0
    collections: int = 0
    format: str = "yaml"
    seed: int = 0
    planted: dict[str, int] = field(default_factory=lambda: {name: 0 for name in SHARES})

    def lines(self) -> list[str]:
        lines = [f"{self.entries:,} entries in {self.collections:,} {self.format} collections "
                 f"(seed {self.seed})"]
        lines += [f"  planted {name.replace('_', ' ')}: {count:,}" for name, count in self.planted.items()]
        return lines


@dataclass
class Made:
    """An entry as made, kept in the reservoir so that planted copies can vary it."""

    topic: str
    template: int
    fill: dict[str, str]
    question: str
    answer: str


class Generator:
    def __init__(self, entries: int, seed: int) -> None:
        self.rng = random.Random(seed)
        rng = random.Random(seed + 1)
        size = max(600, int(25 * entries ** 0.6))
        words = vocabulary(size, rng)
        rng.shuffle(words)
        # Each topic has its own names, so that another topic's entry shares few words.
        self.names = {topic: ZipfWords(words[i::len(TOPICS)], self.rng)
                      for i, topic in enumerate(TOPICS)}
        # Per topic, so that a planted copy stays on its collection's topic.
        self.reservoir: dict[str, list[Made]] = {topic: [] for topic in TOPICS}
        self.seen = dict.fromkeys(TOPICS, 0)

    def fill(self, topic: str) -> dict[str, str]:
        words = TOPICS[topic]
        pick = self.rng.choice
        return {"v": pick(words["v"]), "n": pick(words["n"]), "m": pick(words["m"]),
                "adj": pick(words["adj"]), "x": self.names[topic](), "y": self.names[topic](),
                "aux": pick(AUXILIARIES), "k": str(self.rng.randint(2, 30))}

    def answer(self, topic: str, fill: dict[str, str]) -> str:
        sentences = [self.rng.choice(ANSWERS).format(**fill) for _ in range(self.rng.randint(2, 3))]
        sentences.insert(self.rng.randrange(len(sentences) + 1), self.rng.choice(TOPICS[topic]["say"]))
        if self.rng.random() < 0.2:  # some answers are lists, as scrapes often are
            return sentences[0] + "\n\n" + "\n".join(f"- {s}" for s in sentences[1:] or sentences)
        return " ".join(sentences)

    def fresh(self, topic: str) -> Made:
        template = self.rng.randrange(len(QUESTIONS))
        fill = self.fill(topic)
        question = QUESTIONS[template].format(**fill)
        return Made(topic, template, fill, question[0].upper() + question[1:], self.answer(topic, fill))

    def remember(self, made: Made) -> None:
        """Reservoir sampling: every entry made so far is equally likely to be kept."""
        kept = self.reservoir[made.topic]
        self.seen[made.topic] += 1
        if len(kept) < RESERVOIR:
            kept.append(made)
        else:
            slot = self.rng.randrange(self.seen[made.topic])
            if slot < RESERVOIR:
                kept[slot] = made

    def entry(self, topic: str, plan: Plan) -> tuple[Made, bool]:
        """One entry of a collection about ``topic``, planted or not; and whether its
        answer was cut off."""
        roll = self.rng.random()
        pool = self.reservoir[topic]
        earlier = self.rng.choice(pool) if pool else None
        bound = 0.0
        for name, share in SHARES.items():
            bound += share
            if roll < bound:
                break
        else:
            name = None
        made: Made | None = None
        if name == "exact_duplicates" and earlier is not None:
            question = earlier.question
            question = self.rng.choice([question.lower(), question.rstrip("?"), question + "?",
                                        question.upper(), "  ".join(question.split(" "))])
            made = Made(earlier.topic, earlier.template, earlier.fill, question,
                        self.answer(topic, earlier.fill))
        elif name == "near_duplicates" and earlier is not None and "{aux}" in QUESTIONS[earlier.template]:
            other_aux = [a for a in AUXILIARIES if a != earlier.fill["aux"]]
            fill = dict(earlier.fill, aux=self.rng.choice(other_aux))
            question = QUESTIONS[earlier.template].format(**fill)
            made = Made(earlier.topic, earlier.template, fill, question[0].upper() + question[1:],
                        self.answer(topic, fill))
        elif name == "duplicate_answers" and earlier is not None:
            made = self.fresh(earlier.topic)
            made.answer = earlier.answer
        elif name == "off_topic":  # from a neighbouring page: its own words throughout
            other = self.rng.choice([t for t in TOPICS if t != topic])
            fill = self.fill(other)
            question = self.rng.choice(STRAY_QUESTIONS).format(**fill)
            made = Made(other, -1, fill, question, " ".join(TOPICS[other]["say"]))
        if made is None:
            name = "truncations" if name == "truncations" else None
            made = self.fresh(topic)
        truncated = name == "truncations"
        if truncated:
            words = made.answer.split(" ")
            made.answer = " ".join(words[: max(2, len(words) * 2 // 3)]).rstrip(" .,;:-\n")
        if name is not None:
            plan.planted[name] += 1
        else:
            self.remember(made)
        return made, truncated


def slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))[:60].strip("-") or "entry"


def collection(generator: Generator, number: int, topic: str, size: int, plan: Plan) -> Collection:
    name = f"{topic}-{number:05d}"
    raw = f"raw/{name}.txt"
    digest = hashlib.sha256(name.encode()).hexdigest()
    result = Collection(name, f"{topic.capitalize()} questions {number}", "en", Source(raw, digest))
    line = 1
    for index in range(size):
        made, truncated = generator.entry(topic, plan)
        lines = made.answer.count("\n") + 2
        result.entries.append(Entry(
            made.question, made.answer,
            Provenance(raw, (line, line + lines), None,
                       text_fingerprint(made.question, made.answer, truncated)),
            id=f"{slug(made.question)}-{number:x}-{index:x}", truncated=truncated))
        line += lines + 1
    return result


def write_atomic(path: Path, chunks) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        for chunk in chunks:
            handle.write(chunk)
    os.replace(temporary, path)


def jsonl_lines(item: Collection):
    head = collection_to_data(Collection(item.name, item.title, item.language, item.source,
                                         [], item.description))
    del head["entries"]
    yield json.dumps(head, ensure_ascii=False, sort_keys=False) + "\n"
    for entry in item.entries:
        yield json.dumps(entry_to_data(entry), ensure_ascii=False, sort_keys=False) + "\n"


def corpus(entries: int, collections: int, seed: int, plan: Plan) -> Iterator[Collection]:
    """The collections of the corpus, one at a time; ``plan`` counts what is planted."""
    if entries < 1 or collections < 1:
        raise ValueError("--entries and --collections must be at least 1")
    collections = min(collections, entries)
    plan.entries, plan.collections, plan.seed = entries, collections, seed
    generator = Generator(entries, seed)
    topics = list(TOPICS)
    base, extra = divmod(entries, collections)
    for number in range(collections):
        yield collection(generator, number, topics[number % len(topics)], base + (number < extra), plan)


def generate(out: Path, entries: int, collections: int, form: str, seed: int) -> Plan:
    """Write the corpus root ``out``; return the plan."""
    if entries < 1 or collections < 1:
        raise ValueError("--entries and --collections must be at least 1")
    clean = out / "clean"
    if clean.exists():
        shutil.rmtree(clean)
    clean.mkdir(parents=True)
    (out / "faq.toml").write_text('language = "en"\n', encoding="utf-8")
    schemas = Path(__file__).resolve().parent.parent / "schema"
    (out / "schema").mkdir(exist_ok=True)
    for schema in schemas.glob("*.json"):
        shutil.copyfile(schema, out / "schema" / schema.name)
    plan = Plan(format=form)
    for item in corpus(entries, collections, seed, plan):
        if form == "yaml":
            write_atomic(clean / f"{item.name}.yaml",
                         [render_collection(item, "../schema/collection.schema.json")])
        else:
            write_atomic(clean / f"{item.name}.jsonl", jsonl_lines(item))
    (out / "bench-plan.json").write_text(json.dumps({
        "entries": plan.entries, "collections": plan.collections, "format": plan.format,
        "seed": plan.seed, "planted": plan.planted}, indent=2) + "\n", encoding="utf-8")
    return plan


def size(text: str) -> int:
    """``100000``, ``100k`` or ``1M``."""
    text = text.strip().lower().replace(",", "").replace("_", "")
    factor = {"k": 1000, "m": 1_000_000}.get(text[-1:], 1)
    try:
        return int(float(text.rstrip("km")) * factor)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (use 1000, 10k or 1M)") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], epilog=__doc__.split("\n\n")[1],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=size, default=10_000, help="entries in all (default 10k)")
    parser.add_argument("--collections", type=int, default=None,
                        help="collection files (default: one per 1,000 entries)")
    parser.add_argument("--format", choices=["yaml", "jsonl"], default="yaml")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--out", type=Path, required=True, help="the corpus root to write")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing")
    args = parser.parse_args(argv)
    collections = args.collections or max(1, args.entries // 1000)
    try:
        plan = generate(args.out, args.entries, collections, args.format, args.seed)
    except (ValueError, OSError) as exc:
        print(f"generate: error: {exc}", file=sys.stderr)
        return 2
    if not args.quiet:
        print("\n".join(plan.lines()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
