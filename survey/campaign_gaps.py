"""What a campaign being written still lacks, per language: the editor's list for
translators. It reads the data of the campaign's file, complete or not."""

from __future__ import annotations

from typing import Any

from survey.easy_read import campaign_texts, lacking_easy

TOP_TEXTS = ("title", "intro", "next_steps")


def _empty(text: Any, lang: str) -> bool:
    return not isinstance(text, dict) or not str(text.get(lang, "")).strip()


def missing_texts(document: dict[str, Any]) -> dict[str, list[str]]:
    """For each of the campaign's languages, the keys of the texts not yet written in it
    (in the file's key notation: `areas[2].label`, `questions[0].options[1].label`)."""
    languages = [lang for lang in document.get("languages", []) if isinstance(lang, str)]
    texts: list[tuple[str, Any]] = [(key, document.get(key)) for key in TOP_TEXTS]
    for index, name in enumerate(document.get("organisers", [])):
        texts.append((f"organisers[{index}]", name if isinstance(name, dict) else {}))
    for index, area in enumerate(document.get("areas", [])):
        texts.append((f"areas[{index}].label", area.get("label")))
    for index, question in enumerate(document.get("questions", [])):
        texts.append((f"questions[{index}].text", question.get("text")))
        for o_index, option in enumerate(question.get("options", [])):
            texts.append((f"questions[{index}].options[{o_index}].label", option.get("label")))
    for index, theme in enumerate(document.get("themes", [])):
        texts.append((f"themes[{index}].name", theme.get("name")))
    return {lang: [key for key, text in texts if _empty(text, lang)] for lang in languages}


def missing_easy_texts(document: dict[str, Any]) -> dict[str, list[str]]:
    """For each of the campaign's languages, the keys of the texts written in it that have no
    easy-to-read version yet (Lättläst). The map's zone names are left out: the editor does
    not edit the map, so they are written in the file."""
    languages = [lang for lang in document.get("languages", []) if isinstance(lang, str)]
    texts = [(key, text) for key, text in campaign_texts(document) if not key.startswith("map.")]
    return {lang: lacking_easy(texts, lang) for lang in languages}
