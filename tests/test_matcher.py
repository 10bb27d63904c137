"""The one-pass name matcher: boundaries, overlaps, longest match, spelling variants."""

from pathlib import Path

from frontlines.gazetteer import NameIndex, load_gazetteer


def _index(small_gazetteer: Path) -> NameIndex:
    return NameIndex(load_gazetteer(small_gazetteer))


def _surfaces(index: NameIndex, text: str) -> list[str]:
    return [h.surface for h in index.scan(text)]


def test_word_boundaries_hold(small_gazetteer: Path) -> None:
    index = _index(small_gazetteer)
    assert _surfaces(index, "Barack Obama praised Hamas and the Hamasi clan.") == []
    assert _surfaces(index, "Shelling hit Bara and Hama.") == ["Bara", "Hama"]


def test_longest_match_wins_over_its_parts(small_gazetteer: Path) -> None:
    index = _index(small_gazetteer)
    hits = index.scan("Troops entered Khan Sheikhoun at dawn.")
    assert [(h.surface, h.place_ids) for h in hits] == [("Khan Sheikhoun", ("T8",))]


def test_spelling_variants_and_articles_match(small_gazetteer: Path) -> None:
    index = _index(small_gazetteer)
    hits = index.scan("They took al-Nairab, then Saraqeb, then Maarat al-Nu'man and سراقب.")
    assert [h.surface for h in hits] == ["al-Nairab", "Saraqeb", "Maarat al-Nu'man", "سراقب"]
    assert hits[0].start == 10 and hits[0].match == "normalised"
    assert hits[3].match == "exact"


def test_offsets_point_into_the_original_text(small_gazetteer: Path) -> None:
    index = _index(small_gazetteer)
    text = "“Saraqeb’s fall” — near Ma‘arrat an-Nu‘mān."
    for hit in index.scan(text):
        assert text[hit.start : hit.end] == hit.surface
    assert [h.surface for h in index.scan(text)] == ["Saraqeb", "Ma‘arrat an-Nu‘mān"]


def test_arabic_proclitics_are_peeled(small_gazetteer: Path) -> None:
    index = _index(small_gazetteer)
    assert [h.place_ids for h in index.scan("سيطرت الفصائل على وسراقب")] == [("T1",)]


def test_keys_match_variants_and_skeletons_are_looked_up_on_request(small_gazetteer: Path) -> None:
    index = _index(small_gazetteer)
    hits = index.scan("Fighting near Sarakib and the srkb depot.")
    assert [(h.surface, h.match) for h in hits] == [("Sarakib", "normalised")]
    assert index.scan("Shelling of Saraqueb continued.") == []
    assert index.skeleton_places("Saraqueb") == ("T1",)
    assert index.skeleton_places("Sarq") == ()  # too few consonants to trust


def test_article_inside_a_name_is_optional(small_gazetteer: Path) -> None:
    index = _index(small_gazetteer)
    assert [h.place_ids for h in index.scan("from Maarat Numan and Maarat an-Numan")] == [("T9",), ("T9",)]


def test_overlapping_names_in_one_text_all_found(small_gazetteer: Path) -> None:
    index = _index(small_gazetteer)
    text = "Idleb Idleb Hama Bara Saraqab"
    assert _surfaces(index, text) == ["Idleb", "Idleb", "Hama", "Bara", "Saraqab"]


def test_cached_index_scans_like_a_fresh_one(small_gazetteer: Path, tmp_path: Path) -> None:
    gazetteer = load_gazetteer(small_gazetteer)
    text = "Rebels took al-Nairab and Maarat an-Numan; سراقب fell."
    fresh = NameIndex(gazetteer).scan(text)
    first = NameIndex.cached(gazetteer, tmp_path)
    assert list(tmp_path.glob("index-*.npz"))
    second = NameIndex.cached(gazetteer, tmp_path)
    assert first.scan(text) == second.scan(text) == fresh
    assert second.gazetteer is gazetteer


def test_space_split_scan_equals_the_regex_reference(small_gazetteer: Path) -> None:
    index = _index(small_gazetteer)
    text = (
        "Rebels took al-Nairab\tand Ma'arrat an-Numan,\r\nthen  Saraqeb\u00a0town; سراقب و النيرب.\n\n"
        "“Khan Sheikhoun’s fall” (Hama)—Idleb/Saraqab"
    )
    assert index.scan(text) == index.scan_by_regex(text)
    assert [h.surface for h in index.scan(text)] == [
        "al-Nairab", "Ma'arrat an-Numan", "Saraqeb", "سراقب", "النيرب", "Khan Sheikhoun", "Hama", "Idleb", "Saraqab",
    ]  # fmt: skip


def test_lowercase_words_match_only_inside_names_or_after_an_article(small_gazetteer: Path) -> None:
    index = _index(small_gazetteer)
    assert index.scan("the hama of it") == []  # a lowercase word alone is not a place name
    assert [h.surface for h in index.scan("Al hama was shelled")] == ["Al hama"]
    assert [h.surface for h in index.scan("Shelling hit Hama and idleb governorate")] == ["Hama"]
