"""The name normaliser: folds, token keys and consonant skeletons."""

import pytest

from frontlines.gazetteer.normalise import fold, name_key, skeleton


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Saraqeb", "Saraqib"),
        ("Nairab", "Al-Nayrab"),
        ("Neirab", "al-Nairab"),
        ("Ma'arat al-Nu'man", "Maarrat an-Numan"),
        ("Ma‘arrat an Nu‘mān", "Maarat al-Numan"),
        ("Khan Sheikhoun", "Khan Shaykhun"),
        ("Kafar Aweed", "Kfar Aweed"),
        ("Idleb", "Idlib"),
        ("Hamah", "Hama"),
        ("Jisr ash-Shughur", "Jisr al-Shughur"),
        ("Deir ez-Zor", "Dayr al-Zur"),
        ("Ar-Raqqah", "Raqqa"),
        ("Tell Abyad", "Tal Abyad"),
    ],
)
def test_spellings_share_a_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("a", "b"), [("Hama", "Hamas"), ("Bara", "Barack"), ("Afis", "Afrin"), ("Idlib", "Idlibi")]
)
def test_different_names_keep_different_keys(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


def test_fold_strips_case_diacritics_apostrophes_and_hyphens() -> None:
    assert fold("Ma‘arrat an-Nu‘mān") == "maarrat an numan"
    assert fold("Ḩamāh") == "hamah"
    assert fold("ʿAyn al-ʿArab") == "ayn al arab"


def test_fold_unifies_arabic_letter_forms_and_drops_harakat() -> None:
    assert fold("إدلب") == fold("ادلب")
    assert fold("حَمَاة") == fold("حماه")


@pytest.mark.parametrize("spelling", ["Saraqeb", "Saraqib", "Saraqab", "سراقب"])
def test_latin_and_arabic_spellings_share_a_skeleton(spelling: str) -> None:
    assert skeleton(spelling) == "srkb"


def test_skeleton_joins_words_and_reads_taa_marbuta_before_a_word() -> None:
    assert skeleton("Kafranbel") == skeleton("Kafr Nabl") == skeleton("كفرنبل")
    assert skeleton("معرة النعمان") == skeleton("Maarat al-Numan")
    assert skeleton("Khan Sheikhoun") == skeleton("خان شيخون")
