"""Turn graphql-core's view of a root field into a `Selection` tree with leaves.

Fragments, @skip/@include and variables are resolved here, so the compiler sees
plain fields. User scalars become numbered `Leaf`s; booleans, nulls and sort
directions stay in the tree because they change the Cypher's shape.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import Any, Protocol, cast

from graphql import (
    BooleanValueNode,
    EnumValueNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLResolveInfo,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLUnionType,
    InlineFragmentNode,
    ListValueNode,
    NullValueNode,
    ObjectValueNode,
    SelectionSetNode,
    ValueNode,
    VariableNode,
    VariableValues,
    get_named_type,
    value_from_ast,
)

from graph.selection import Leaf, Selection

# Arguments whose enum values pick Cypher text (ORDER BY direction), not a parameter.
STRUCTURAL_ARGUMENTS = frozenset({"sort"})


class Scope(Protocol):
    """What binding reads from a resolve info (or, before execution, the operation)."""

    @property
    def schema(self) -> GraphQLSchema: ...
    @property
    def fragments(self) -> dict[str, FragmentDefinitionNode]: ...
    @property
    def variable_values(self) -> Any: ...


class Binder:
    """Binds one root field; `leaves[i]` is the value of `$p<i>`."""

    def __init__(self, info: Scope) -> None:
        self.info = info
        self.leaves: list[Any] = []
        raw = info.variable_values
        # graphql-core 3.3 annotates VariableValues (a NamedTuple) but hands resolvers
        # the coerced dict; accept both.
        self.variables: dict[str, Any] = (
            dict(raw.coerced) if isinstance(raw, VariableValues) else dict(raw)
        )

    def bind_root(self) -> Selection:
        """The root field this resolve info is for."""
        info = cast(GraphQLResolveInfo[Any], self.info)
        return self.bind_field(info.field_nodes, info.parent_type)

    def bind_field(
        self, nodes: Sequence[FieldNode], parent: GraphQLObjectType
    ) -> Selection:
        """One response key's field, over every node that selects it.

        `{ a: country(iso3: "LTU") { name } a: country(iso3: "LTU") { iso3 } }` asks
        for both fields (validation has made sure the arguments agree), so the
        selections of the later nodes are merged into the first's.
        """
        selection = self._field(nodes[0], parent, on_type=None)
        field_def = parent.fields.get(selection.name)
        for node in nodes[1:]:
            if field_def is None or node.selection_set is None:
                continue
            named = get_named_type(field_def.type)
            for child in self._selections(node.selection_set, named):
                self._merge(selection.children, child)
        return selection

    def root_fields(
        self, selection_set: SelectionSetNode, parent: GraphQLObjectType
    ) -> dict[str, list[FieldNode]]:
        """An operation's root fields by response key, in order, as graphql-core
        groups them: fragments expanded, @skip/@include applied."""
        grouped: dict[str, list[FieldNode]] = {}
        for node in selection_set.selections:
            if not self._included(node):
                continue
            if isinstance(node, FieldNode):
                grouped.setdefault(self._key(node), []).append(node)
                continue
            fragment = self._fragment(node)
            condition = fragment.type_condition
            if condition is not None and condition.name.value != parent.name:
                continue
            for key, nodes in self.root_fields(fragment.selection_set, parent).items():
                grouped.setdefault(key, []).extend(nodes)
        return grouped

    # -- selections -----------------------------------------------------------------

    def _field(
        self, node: FieldNode, parent: GraphQLObjectType, on_type: str | None
    ) -> Selection:
        name = node.name.value
        key = node.alias.value if node.alias else name
        field_def = parent.fields.get(name)
        if field_def is None:  # __typename, __schema, __type: answered by graphql-core
            return Selection(name, key, on_type=on_type)
        args: dict[str, Any] = {}
        for arg_node in node.arguments or ():
            arg_name = arg_node.name.value
            arg_def = field_def.args[arg_name]
            structural = arg_name in STRUCTURAL_ARGUMENTS
            args[arg_name] = self._ast(arg_node.value, arg_def.type, structural)
        children: list[Selection] = []
        if node.selection_set is not None:
            children = self._selections(
                node.selection_set, get_named_type(field_def.type)
            )
        return Selection(name, key, args, children, on_type)

    def _selections(
        self, selection_set: SelectionSetNode, gtype: Any, on_type: str | None = None
    ) -> list[Selection]:
        out: list[Selection] = []
        # A fragment spread twice in one selection set adds nothing the second time
        # (graphql-core's field collection skips it too); expanding it again would
        # double the work per level of a fragment chain (2**24 for 24 levels).
        spread: set[str] = set()
        for node in selection_set.selections:
            if not self._included(node):
                continue
            if isinstance(node, FragmentSpreadNode):
                if node.name.value in spread:
                    continue
                spread.add(node.name.value)
            if isinstance(node, FieldNode):
                if isinstance(gtype, GraphQLUnionType):
                    if node.name.value == "__typename":
                        out.append(
                            Selection("__typename", self._key(node), on_type=on_type)
                        )
                    continue
                self._merge(out, self._field(node, gtype, on_type))
            else:
                fragment = self._fragment(node)
                condition = fragment.type_condition
                target = gtype
                member = on_type
                if condition is not None:
                    target = self.info.schema.get_type(condition.name.value)
                    if isinstance(gtype, GraphQLUnionType | GraphQLInterfaceType):
                        if isinstance(target, GraphQLObjectType):
                            member = condition.name.value
                        # On an interface: its fields hold for every member.
                    elif target is not gtype:
                        if not isinstance(
                            target, GraphQLInterfaceType | GraphQLUnionType
                        ) or not self.info.schema.is_sub_type(target, gtype):
                            continue  # a fragment on another type never applies
                        target = gtype  # `... on Node` inside a Node type
                for sel in self._selections(fragment.selection_set, target, member):
                    self._merge(out, sel)
        return out

    def _fragment(self, node: Any) -> FragmentDefinitionNode | InlineFragmentNode:
        """The fragment a spread names, or the inline fragment itself."""
        if isinstance(node, FragmentSpreadNode):
            return self.info.fragments[node.name.value]
        return cast(InlineFragmentNode, node)

    @staticmethod
    def _key(node: FieldNode) -> str:
        return node.alias.value if node.alias else node.name.value

    @classmethod
    def _merge(cls, out: list[Selection], sel: Selection) -> None:
        """Add `sel`, merged into the selection of the same key (and union member)
        all the way down, so each response path is compiled and costed once."""
        for existing in out:
            if existing.key == sel.key and existing.on_type == sel.on_type:
                for child in sel.children:
                    cls._merge(existing.children, child)
                return
        out.append(sel)

    def _included(self, node: Any) -> bool:
        """@skip/@include, read from the AST: graphql-core 3.3's directive helper
        wants its VariableValues, which resolvers are not given (they get a dict)."""
        for directive in node.directives or ():
            name = directive.name.value
            if name not in {"skip", "include"}:
                continue
            condition = None
            for argument in directive.arguments or ():
                if argument.name.value == "if":
                    value = argument.value
                    if isinstance(value, VariableNode):
                        condition = self.variables.get(value.name.value)
                    elif isinstance(value, BooleanValueNode):
                        condition = value.value
            if (name == "skip" and condition is True) or (
                name == "include" and condition is False
            ):
                return False
        return True

    # -- values ---------------------------------------------------------------------

    def _leaf(self, value: Any) -> Leaf:
        self.leaves.append(value)
        return Leaf(len(self.leaves) - 1)

    def _ast(self, node: ValueNode, gtype: GraphQLInputType, structural: bool) -> Any:
        if isinstance(gtype, GraphQLNonNull):
            gtype = gtype.of_type
        if isinstance(node, VariableNode):
            return self._python(self.variables.get(node.name.value), gtype, structural)
        if isinstance(node, NullValueNode):
            return None
        if isinstance(gtype, GraphQLInputObjectType) and isinstance(
            node, ObjectValueNode
        ):
            return {
                f.name.value: self._ast(
                    f.value, gtype.fields[f.name.value].type, structural
                )
                for f in node.fields
            }
        if isinstance(gtype, GraphQLList):
            item_type = gtype.of_type
            named = get_named_type(item_type)
            items = node.values if isinstance(node, ListValueNode) else [node]
            if isinstance(named, GraphQLInputObjectType) or structural:
                return [self._ast(item, item_type, structural) for item in items]
            return self._leaf([self._scalar(item, item_type) for item in items])
        if isinstance(node, BooleanValueNode):
            return node.value
        if isinstance(gtype, GraphQLEnumType) and isinstance(node, EnumValueNode):
            return node.value if structural else self._leaf(node.value)
        return self._leaf(self._scalar(node, gtype))

    def _scalar(self, node: ValueNode, gtype: Any) -> Any:
        if isinstance(node, VariableNode):
            return _plain(self.variables.get(node.name.value))
        if isinstance(node, EnumValueNode):
            return node.value
        return value_from_ast(node, gtype, self.variables)

    def _python(self, value: Any, gtype: Any, structural: bool) -> Any:
        if value is None:
            return None
        if isinstance(gtype, GraphQLNonNull):
            gtype = gtype.of_type
        if isinstance(gtype, GraphQLInputObjectType):
            return {
                name: self._python(item, gtype.fields[name].type, structural)
                for name, item in value.items()
            }
        if isinstance(gtype, GraphQLList):
            named = get_named_type(gtype.of_type)
            if isinstance(named, GraphQLInputObjectType) or structural:
                return [self._python(item, gtype.of_type, structural) for item in value]
            return self._leaf([_plain(item) for item in value])
        if isinstance(gtype, GraphQLScalarType) and gtype.name == "Boolean":
            return bool(value)
        if structural:
            return _plain(value)
        return self._leaf(_plain(value))


def _plain(value: Any) -> Any:
    """Strawberry coerces enum inputs to Python enums; Cypher wants their names."""
    if isinstance(value, enum.Enum):
        return value.name
    return value
