#include "tree_items.h"

#include <cstring>
#include <string>
#include <vector>

#include "sipcat_plugin.h"
#include "text_wrap.h"
#include "tree_labels.h"
#include "wrapped_text.h"

namespace sipcat::ws {

namespace {

Readers current;

// Wraps only where the lines will be shown: elsewhere one item holds the text.
bool shown_in_lines(proto_tree *st) { return st && settings.wrap_long_text && PTREE_DATA(st)->visible; }

// "Label: value" cut to fit a tree label, at a character and with "…" (the
// whole value is in the field and in the wrapped lines); Wireshark would mark
// it "[truncated]" in front of our label instead. Without a label of our own
// (English) Wireshark labels the item, and cuts it its way.
const char *fitted(const char *label, const char *value)
{
    static char buf[ITEM_LABEL_LENGTH];
    const size_t room = sizeof buf - 1 - std::strlen("\u2026");
    size_t n = static_cast<size_t>(g_snprintf(buf, sizeof buf, "%s: ", label));
    if (n >= room)
        return label;
    const size_t len = std::strlen(value);
    if (n + len < sizeof buf) {
        std::memcpy(buf + n, value, len + 1);
        return buf;
    }
    const size_t cut = utf8_cut(value, room - n);
    std::memcpy(buf + n, value, cut);
    std::memcpy(buf + n + cut, "\u2026", std::strlen("\u2026") + 1);
    return buf;
}

}  // namespace

void set_reading(const Readers &r) { current = r; }
const Readers &reading() { return current; }

bool read_by_someone(proto_tree *tree, int hf) { return tree && current.reads(hf); }

proto_item *add_string(proto_tree *tree, int hf, tvbuff_t *tvb, const char *value, MessageId shown_as, bool translate)
{
    if (!read_by_someone(tree, hf))
        return nullptr;
    const char *label = field_label(hf);
    proto_item *it = !label      ? proto_tree_add_string(tree, hf, tvb, 0, 0, value)
                     : translate ? proto_tree_add_string_format(tree, hf, tvb, 0, 0, value, "%s: %s (%s)", label,
                                                                ws::label(shown_as), value)
                                 : proto_tree_add_string_format(tree, hf, tvb, 0, 0, value, "%s", fitted(label, value));
    proto_item_set_generated(it);
    return it;
}

proto_item *add_uint(proto_tree *tree, int hf, tvbuff_t *tvb, guint32 value)
{
    if (!read_by_someone(tree, hf))
        return nullptr;
    const char *label = field_label(hf);
    proto_item *it = label ? proto_tree_add_uint_format(tree, hf, tvb, 0, 0, value, "%s: %u", label, value)
                           : proto_tree_add_uint(tree, hf, tvb, 0, 0, value);
    proto_item_set_generated(it);
    return it;
}

proto_item *add_bool(proto_tree *tree, int hf, tvbuff_t *tvb, bool value)
{
    if (!read_by_someone(tree, hf))
        return nullptr;
    const char *label = field_label(hf);
    proto_item *it = label ? proto_tree_add_boolean_format(tree, hf, tvb, 0, 0, value, "%s: %s", label,
                                                           ws::label(value ? MessageId::ValueTrue : MessageId::ValueFalse))
                           : proto_tree_add_boolean(tree, hf, tvb, 0, 0, value);
    proto_item_set_generated(it);
    return it;
}

proto_item *add_long_text(proto_tree *st, int hf, tvbuff_t *tvb, Text text, Array<Text> lines)
{
    // Not shown in lines: the item may be the parent itself (Wireshark fakes items nobody sees).
    if (lines.empty() || !shown_in_lines(st))
        return add_string(st, hf, tvb, text.c_str());
    return add_wrapped_text(st, hf, tvb, text, lines);
}

proto_item *add_long_text(proto_tree *st, int hf, tvbuff_t *tvb, packet_info *pinfo, const char *value)
{
    const size_t len = std::strlen(value);
    if (len <= Catalogue::kTreeLineBytes || !shown_in_lines(st) || !read_by_someone(st, hf))
        return add_string(st, hf, tvb, value);
    // The lines go into the packet pool first: epan may longjmp past C++ destructors.
    Array<Text> lines;
    {
        const std::vector<std::string> v = wrap_text(value, Catalogue::kTreeLineBytes);
        Text *t = wmem_alloc_array(pinfo->pool, Text, v.size());
        for (size_t i = 0; i < v.size(); ++i)
            t[i] = Text(wmem_strdup(pinfo->pool, v[i].c_str()), v[i].size());
        lines = Array<Text>{t, v.size()};
    }
    return add_wrapped_text(st, hf, tvb, Text(value, len), lines);
}

}  // namespace sipcat::ws
