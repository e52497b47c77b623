"""The validation rules both paths run: graphql-core's, coded, and the request limits.

Every refusal carries its code: LIMIT_EXCEEDED with `limit` and `max` (and the
actual count where known), INTROSPECTION_DISABLED, or BAD_USER_INPUT from the
graphql-core rules that judge the client's values. Strawberry's QueryDepthLimiter,
MaxAliasesLimiter and DisableIntrospection report errors without those codes, and
the compiled path validates with plain graphql-core rules, so these rules are ours,
written on graphql-core's public API. The token limit is Strawberry's own
MaxTokensLimiter (its error is coded in execution.errors). The selection limit runs
before every other rule; without introspection, graphql-core's guesses are cut off.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from graphql import (
    ASTValidationRule,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    NoSchemaIntrospectionCustomRule,
    OperationDefinitionNode,
    ProvidedRequiredArgumentsRule,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    ValuesOfCorrectTypeRule,
    Visitor,
    specified_rules,
    visit,
)
from graphql.validation.validate import ValidationAbortedError
from strawberry.extensions import SchemaExtension

from graph.cypher.plan import Estimate
from graph.errors import BadUserInput, LimitExceeded
from settings import Settings

Rules = tuple[type[ASTValidationRule], ...]
# graphql-core's rules that judge the client's values, not the document's shape.
_INPUT_RULES = (ValuesOfCorrectTypeRule, ProvidedRequiredArgumentsRule)


def limit_error(message: str, limit: str, maximum: int, **details: Any) -> GraphQLError:
    """A LIMIT_EXCEEDED error naming the limit and its configured maximum."""
    return GraphQLError(
        message,
        extensions={
            "code": LimitExceeded.code,
            "limit": limit,
            "max": maximum,
            **details,
        },
    )


def cost_error(cost: Estimate, maximum: int) -> GraphQLError:
    """The refusal of an operation whose estimated cost is over TREATYGRAPH_MAX_COST."""
    return limit_error(
        f"The query could return up to {cost.returned} objects and its filters walk "
        f"up to {cost.walked} related nodes: {cost.total}, over the {maximum} allowed "
        "(TREATYGRAPH_MAX_COST). Ask for smaller pages with first/last, or fewer "
        "nested lists and relation filters.",
        "cost",
        maximum,
        cost=cost.total,
        returned=cost.returned,
        walked=cost.walked,
    )


# graphql-core ends a message with its guesses from the schema (`Did you mean
# 'name'?`): without introspection they would tell what it hides.
_SUGGESTION = " Did you mean "


def coded_rule(
    rule: type[ASTValidationRule], code: str | None, hide_suggestions: bool = False
) -> type[ASTValidationRule]:
    """The rule with every error it reports stamped `code` (graphql-core's rules
    report through `report_error`), so the code comes from the rule that raised it;
    and, with `hide_suggestions`, its guesses cut off."""

    class Coded(rule):  # type: ignore[valid-type, misc]  # a class made per rule
        def report_error(self, error: GraphQLError) -> None:
            if code is not None:
                error.extensions = {**(error.extensions or {}), "code": code}
            if hide_suggestions and _SUGGESTION in error.message:
                error.message = error.message.split(_SUGGESTION, 1)[0]
            super().report_error(error)

    Coded.__name__ = Coded.__qualname__ = rule.__name__
    return Coded


def _definitions(
    context: ValidationContext,
) -> tuple[list[OperationDefinitionNode], dict[str, FragmentDefinitionNode]]:
    definitions = context.document.definitions
    operations = [d for d in definitions if isinstance(d, OperationDefinitionNode)]
    fragments = {
        d.name.value: d for d in definitions if isinstance(d, FragmentDefinitionNode)
    }
    return operations, fragments


class _Walk:
    """Depth and alias count of selection sets, each fragment walked once (a
    fragment that spreads itself, which validation refuses anyway, counts 0)."""

    def __init__(self, fragments: dict[str, FragmentDefinitionNode]) -> None:
        self.fragments = fragments
        self.memo: dict[str, tuple[int, int]] = {}

    def measure(self, selection_set: SelectionSetNode) -> tuple[int, int]:
        """(depth, aliases): nested fields that select fields, introspection not
        counted (as Strawberry's limiter counts), and aliased fields."""
        depth = aliases = 0
        for node in selection_set.selections:
            if isinstance(node, FieldNode):
                aliases += node.alias is not None
                if node.selection_set is None:
                    continue
                inner, inner_aliases = self.measure(node.selection_set)
                aliases += inner_aliases
                if not node.name.value.startswith("__"):
                    depth = max(depth, 1 + inner)
            else:
                inner, inner_aliases = self._fragment(node)
                depth, aliases = max(depth, inner), aliases + inner_aliases
        return depth, aliases

    def _fragment(self, node: Any) -> tuple[int, int]:
        if isinstance(node, InlineFragmentNode):
            return self.measure(node.selection_set)
        assert isinstance(node, FragmentSpreadNode)
        name = node.name.value
        if name not in self.memo:
            self.memo[name] = (0, 0)
            fragment = self.fragments.get(name)  # unknown: KnownFragmentNames says so
            if fragment is not None:
                self.memo[name] = self.measure(fragment.selection_set)
        return self.memo[name]


@functools.cache
def depth_rule(max_depth: int) -> type[ValidationRule]:
    """One rule class per maximum, so the validation cache keys stay stable."""

    class MaxDepth(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            operations, fragments = _definitions(context)
            walk = _Walk(fragments)
            for operation in operations:
                if walk.measure(operation.selection_set)[0] > max_depth:
                    name = operation.name.value if operation.name else "anonymous"
                    self.report_error(
                        limit_error(
                            f"Operation '{name}' is nested deeper than {max_depth} "
                            "levels (TREATYGRAPH_MAX_DEPTH).",
                            "depth",
                            max_depth,
                        )
                    )

    return MaxDepth


@functools.cache
def alias_rule(max_aliases: int) -> type[ValidationRule]:
    """One rule class per maximum, so the validation cache keys stay stable."""

    class MaxAliases(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            operations, fragments = _definitions(context)
            walk = _Walk(fragments)
            total = sum(walk.measure(o.selection_set)[1] for o in operations)
            if total > max_aliases:
                self.report_error(
                    limit_error(
                        f"The document uses {total} aliases; at most {max_aliases} "
                        "are allowed (TREATYGRAPH_MAX_ALIASES).",
                        "aliases",
                        max_aliases,
                        actual=total,
                    )
                )

    return MaxAliases


def input_depth(max_filter_depth: int) -> int:
    """Most input objects one argument literal may nest: 32 at the default filter
    depth of 4. A filter that deep takes 10 (two per relation hop, `borders: {
    some: {…} }`, the `where` itself and an operator's), leaving 22 levels of
    AND/OR/NOT around it."""
    return 4 * max_filter_depth + 16


class _ObjectNesting(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.depth = self.deepest = 0

    def enter_object_value(self, *_args: object) -> None:
        self.depth += 1
        self.deepest = max(self.deepest, self.depth)

    def leave_object_value(self, *_args: object) -> None:
        self.depth -= 1


@functools.cache
def input_depth_rule(max_levels: int) -> type[ValidationRule]:
    """Refuses an argument literal nested past `max_levels` objects before graphql-
    core coerces it: a `where` of 20 nested relation filters took 1.2 ms of the
    event loop to coerce before the compiler refused it for its filter depth
    (bench.abuse finding 2). The compiler's exact filterDepth check stays."""

    class MaxInputDepth(ValidationRule):
        def enter_document(self, node: DocumentNode, *_args: object) -> None:
            nesting = _ObjectNesting()
            visit(node, nesting)
            if nesting.deepest > max_levels:
                error = limit_error(
                    f"An argument nests {nesting.deepest} input objects; at most "
                    f"{max_levels} are allowed (4 x TREATYGRAPH_MAX_FILTER_DEPTH "
                    "+ 16).",
                    "inputDepth",
                    max_levels,
                    actual=nesting.deepest,
                )
                raise ValidationAbortedError(error.message, extensions=error.extensions)

    return MaxInputDepth


@functools.cache
def selection_rule(max_selections: int) -> type[ValidationRule]:
    """Refuses a document with more field selections than `max_selections` before
    any other rule looks at it: it runs first and aborts validation, so the rules
    that compare fields pairwise (OverlappingFieldsCanBeMerged) never see 1,000
    repeats of one field. Counting is one linear walk of the text's fields."""

    # Fragments may multiply what is written: `fragment F2 on Query {...F1 ...F1}`
    # 24 deep is 977 bytes and 2^24 fields to bind. Expanded, a document may select
    # ten times the written maximum (the examples and bench questions expand to
    # at most 39).
    max_expanded = 10 * max_selections

    class MaxSelections(ValidationRule):
        def enter_document(self, node: DocumentNode, *_args: object) -> None:
            total = sum(1 for _ in _fields(node))
            expanded = _expanded(node) if total <= max_selections else 0
            if total > max_selections or expanded > max_expanded:
                more = f" ({expanded} with fragments expanded)" if expanded else ""
                error = limit_error(
                    f"The document selects {total} fields{more}; at most "
                    f"{max_selections} are allowed, {max_expanded} with fragments "
                    "expanded (TREATYGRAPH_MAX_SELECTIONS).",
                    "selections",
                    max_selections,
                    actual=max(total, expanded),
                )
                # graphql-core's own way to stop validating: it returns the error.
                raise ValidationAbortedError(error.message, extensions=error.extensions)

    return MaxSelections


def _expanded(document: DocumentNode) -> int:
    """Field selections of every operation with fragment spreads expanded, each
    fragment counted once and reused (linear in the text; a fragment that spreads
    itself, which validation refuses, counts 0)."""
    fragments = {
        d.name.value: d
        for d in document.definitions
        if isinstance(d, FragmentDefinitionNode)
    }
    memo: dict[str, int] = {}

    def count(selection_set: SelectionSetNode) -> int:
        total = 0
        for node in selection_set.selections:
            if isinstance(node, FieldNode):
                total += 1
                if node.selection_set is not None:
                    total += count(node.selection_set)
            elif isinstance(node, InlineFragmentNode):
                total += count(node.selection_set)
            elif isinstance(node, FragmentSpreadNode):
                name = node.name.value
                if name not in memo:
                    memo[name] = 0
                    fragment = fragments.get(name)
                    if fragment is not None:
                        memo[name] = count(fragment.selection_set)
                total += memo[name]
        return total

    return sum(
        count(d.selection_set)
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode)
    )


def _fields(document: DocumentNode) -> Iterator[FieldNode]:
    """Every field node written in the document (fragments once each, as written)."""
    pending: list[SelectionSetNode] = [
        d.selection_set
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode | FragmentDefinitionNode)
    ]
    while pending:
        for node in pending.pop().selections:
            if isinstance(node, FieldNode):
                yield node
                if node.selection_set is not None:
                    pending.append(node.selection_set)
            elif isinstance(node, InlineFragmentNode):
                pending.append(node.selection_set)


@functools.cache
def _rules(
    max_depth: int,
    max_aliases: int,
    max_selections: int,
    introspection: bool,
    max_filter_depth: int,
) -> Rules:
    hide = not introspection
    graphql_rules = tuple(
        coded_rule(rule, BadUserInput.code if rule in _INPUT_RULES else None, hide)
        if hide or rule in _INPUT_RULES
        else rule
        for rule in specified_rules
    )
    limits: Rules = (depth_rule(max_depth), alias_rule(max_aliases))
    if not introspection:
        limits += (
            coded_rule(NoSchemaIntrospectionCustomRule, "INTROSPECTION_DISABLED"),
        )
    first = (
        selection_rule(max_selections),
        input_depth_rule(input_depth(max_filter_depth)),
    )
    return (*first, *graphql_rules, *limits)


def validation_rules(settings: Settings) -> Rules:
    """The rules for these settings: one tuple per configuration (the validation
    caches key on it)."""
    return _rules(
        settings.max_depth,
        settings.max_aliases,
        settings.max_selections,
        settings.introspection,
        settings.max_filter_depth,
    )


class ValidationRules(SchemaExtension):
    """Strawberry's path validates with the same rules as the compiled path.

    Strawberry's AddValidationRules only appends, and the coded input rules must
    replace graphql-core's own.
    """

    def __init__(self, rules: Rules) -> None:
        self.rules = rules

    def on_operation(self) -> Iterator[None]:
        self.execution_context.validation_rules = self.rules
        yield
