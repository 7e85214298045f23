"""The profile loader's shortcut through PyYAML's resolver gives every scalar the tag CSafeLoader gives it."""
import pytest
import yaml

from generator.load import yamlfile

VALUES = ["", "~", "null", "yes", "No", "on", "OFF", "true", "1", "-1", "+1", ".5", "1e3", "0x1F", "0o7", "1_000",
          "12:30", "2024-01-02", "2024-01-02 10:00:00", "=", "<<", ".inf", "-.inf", ".nan", "y", "n", "ISO 9001",
          "株式会社", "１２３", "Ｙｅｓ", "08", "0548-22-1234"]


def tags(node):
    if isinstance(node, yaml.ScalarNode):
        return node.tag, node.value
    if isinstance(node, yaml.SequenceNode):
        return node.tag, [tags(n) for n in node.value]
    return node.tag, [(tags(k), tags(v)) for k, v in node.value]


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="libyaml is not installed")
@pytest.mark.parametrize("quote", ["", "'", '"'])
def test_each_implicit_type_resolves_as_with_csafeloader(quote):
    text = "".join(f"k{i}: {quote}{v}{quote}\n" for i, v in enumerate(VALUES)) + "list: [1, a, 2024-01-02]\n"
    assert tags(yamlfile._CSafeLoader(text).get_single_node()) == tags(yaml.CSafeLoader(text).get_single_node())
