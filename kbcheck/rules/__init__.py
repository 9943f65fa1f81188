"""The rule registry: every rule, listed once, in code order."""

from __future__ import annotations

from kbcheck.rules.admonition_mismatch import AdmonitionMismatch
from kbcheck.rules.base import CorpusRule, PageRule, Rule
from kbcheck.rules.broken_anchor import BrokenAnchor
from kbcheck.rules.broken_link import BrokenLink
from kbcheck.rules.byte_order_mark import ByteOrderMark
from kbcheck.rules.code_mismatch import CodeMismatch
from kbcheck.rules.dead_link import DeadLink
from kbcheck.rules.duplicate_anchor import DuplicateAnchor
from kbcheck.rules.duplicate_key import DuplicateKey
from kbcheck.rules.duplicate_page import DuplicatePage
from kbcheck.rules.duplicate_value import DuplicateValue
from kbcheck.rules.empty_field import EmptyField
from kbcheck.rules.empty_file import EmptyFile
from kbcheck.rules.empty_section import EmptySection
from kbcheck.rules.field_conflict import FieldConflict
from kbcheck.rules.field_length import FieldLength
from kbcheck.rules.field_range import FieldRange
from kbcheck.rules.field_type import FieldType
from kbcheck.rules.field_value import FieldValue
from kbcheck.rules.file_too_large import FileTooLarge
from kbcheck.rules.frontmatter_must_match import FrontmatterMustMatch
from kbcheck.rules.frontmatter_not_mapping import FrontmatterNotMapping
from kbcheck.rules.frontmatter_syntax import FrontmatterSyntax
from kbcheck.rules.frontmatter_too_complex import FrontmatterTooComplex
from kbcheck.rules.heading_increment import HeadingIncrement
from kbcheck.rules.heading_structure import HeadingStructure
from kbcheck.rules.image_mismatch import ImageMismatch
from kbcheck.rules.invalid_translation_record import InvalidTranslationRecord
from kbcheck.rules.line_endings import LineEndings
from kbcheck.rules.link_mismatch import LinkMismatch
from kbcheck.rules.link_to_source_locale import LinkToSourceLocale
from kbcheck.rules.missing_field import MissingField
from kbcheck.rules.missing_file import MissingFile
from kbcheck.rules.missing_fragment import MissingFragment
from kbcheck.rules.missing_heading_id import MissingHeadingId
from kbcheck.rules.missing_section import MissingSection
from kbcheck.rules.missing_translation import MissingTranslation
from kbcheck.rules.not_text import NotText
from kbcheck.rules.not_utf8 import NotUtf8
from kbcheck.rules.orphaned_translation import OrphanedTranslation
from kbcheck.rules.redirected_link import RedirectedLink
from kbcheck.rules.section_content import SectionContent
from kbcheck.rules.section_order import SectionOrder
from kbcheck.rules.single_h1 import SingleH1
from kbcheck.rules.stale_translation import StaleTranslation
from kbcheck.rules.table_mismatch import TableMismatch
from kbcheck.rules.title_mismatch import TitleMismatch
from kbcheck.rules.translation_coverage import TranslationCoverage
from kbcheck.rules.translation_only_field import TranslationOnlyField
from kbcheck.rules.unexpected_section import UnexpectedSection
from kbcheck.rules.unknown_field import UnknownField
from kbcheck.rules.unknown_page_type import UnknownPageType
from kbcheck.rules.unknown_tag import UnknownTag
from kbcheck.rules.untranslated_field import UntranslatedField
from kbcheck.rules.unverifiable_link import UnverifiableLink

RULES: tuple[type[Rule], ...] = (
    NotUtf8,
    NotText,
    EmptyFile,
    FileTooLarge,
    ByteOrderMark,
    LineEndings,
    FrontmatterSyntax,
    FrontmatterNotMapping,
    DuplicateKey,
    FrontmatterTooComplex,
    DuplicatePage,
    MissingField,
    FieldType,
    EmptyField,
    FieldValue,
    FieldLength,
    FieldRange,
    UnknownField,
    UnknownTag,
    FieldConflict,
    UnknownPageType,
    DuplicateValue,
    MissingSection,
    SectionOrder,
    UnexpectedSection,
    SectionContent,
    SingleH1,
    TitleMismatch,
    HeadingIncrement,
    EmptySection,
    DuplicateAnchor,
    BrokenLink,
    BrokenAnchor,
    MissingFile,
    LinkToSourceLocale,
    DeadLink,
    UnverifiableLink,
    RedirectedLink,
    MissingFragment,
    MissingTranslation,
    TranslationCoverage,
    OrphanedTranslation,
    FrontmatterMustMatch,
    UntranslatedField,
    TranslationOnlyField,
    HeadingStructure,
    MissingHeadingId,
    CodeMismatch,
    ImageMismatch,
    LinkMismatch,
    TableMismatch,
    AdmonitionMismatch,
    StaleTranslation,
    InvalidTranslationRecord,
)

BY_KEY: dict[str, type[Rule]] = {
    **{rule.code: rule for rule in RULES},
    **{rule.name: rule for rule in RULES},
}


def find_rule(key: str) -> type[Rule] | None:
    """A rule by code (case-insensitive) or name."""
    return BY_KEY.get(key) or BY_KEY.get(key.upper())


__all__ = ["BY_KEY", "RULES", "CorpusRule", "PageRule", "Rule", "find_rule"]
