"""Words in scripts written without spaces: Chinese and Japanese text is taken as
overlapping pairs of characters, so that the rules that count and compare words
(short-answer, unrelated-answer, question-length, near duplicates, off-topic) see
more than one "word" in a sentence."""
from __future__ import annotations

import json
from pathlib import Path

from conftest import run_faq
from pipeline.language import words


def test_spaced_scripts_keep_their_words():
    assert words("Can I hug my therapist? Don’t ask twice.") == [
        "can", "i", "hug", "my", "therapist", "don't", "ask", "twice"]
    assert words("한국어 문장은 띄어 씁니다") == ["한국어", "문장은", "띄어", "씁니다"]  # Hangul is spaced


def test_chinese_and_japanese_runs_become_character_pairs():
    assert words("退货需要多久？") == ["退货", "货需", "需要", "要多", "多久"]
    assert words("ハグしてもいい？") == ["ハグ", "グし", "して", "ても", "もい", "いい"]
    assert words("是。") == ["是"]  # a lone character is a word of its own


def test_mixed_text_splits_at_the_script_boundary():
    assert words("iPhone用户的问题") == ["iphone", "用户", "户的", "的问", "问题"]
    assert words("Can I hug 我的治疗师? don't") == ["can", "i", "hug", "我的", "的治", "治疗", "疗师", "don't"]


def test_a_chinese_corpus_is_judged_on_its_words(corpus: Path):
    (corpus / "faq.toml").write_text('language = "zh"\n', encoding="utf-8")
    (corpus / "clean" / "zh.yaml").write_text(
        "name: zh\ntitle: 常见问题\nlanguage: zh\nentries:\n"
        "  - id: q1\n    question: 我可以拥抱我的治疗师吗？\n"
        "    answer: 很多治疗师在你先询问的情况下可以接受简短的拥抱。\n"
        "  - id: q2\n    question: 退货需要多久？\n    answer: 退货通常需要三到五个工作日。\n"
        "  - id: q3\n    question: 治疗一次多少钱？\n    answer: 是。\n"
        "  - id: q4\n    question: 如何更改我的密码？\n    answer: 我们的办公室周一至周五上午九点开门。\n",
        encoding="utf-8")
    result = run_faq("lint", "--no-cache", "--format", "json", cwd=corpus)
    assert result.returncode == 0, result.output  # warnings only
    found = sorted((p["entry"], p["code"]) for p in json.loads(result.stdout))
    # Before, every answer was "one word" and shared none with its question.
    assert found == [("q3", "FAQ202"), ("q3", "FAQ209"), ("q4", "FAQ209")]
