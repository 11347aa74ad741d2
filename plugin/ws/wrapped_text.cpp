#include "wrapped_text.h"

#include "sipcat_plugin.h"
#include "tree_labels.h"

namespace sipcat::ws {

proto_item *add_wrapped_text(proto_tree *st, int hf, tvbuff_t *tvb, Text value, Array<Text> lines)
{
    // Labelled once, from the start: the first line costs no item of its own.
    const char *label = field_label(hf);
    proto_item *item = proto_tree_add_string_format(st, hf, tvb, 0, 0, value.c_str(), "%s: %s",
                                                    label ? label : proto_registrar_get_name(hf), lines[0].c_str());
    proto_item_set_generated(item);
    proto_tree *sub = proto_item_add_subtree(item, ids.ett_text);
    for (size_t i = 1; i < lines.size(); ++i)
        proto_tree_add_subtree(sub, tvb, 0, 0, ids.ett_text, nullptr, lines[i].c_str());
    return item;
}

}  // namespace sipcat::ws
