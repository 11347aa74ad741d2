// sipcat's generated items, labelled in the chosen language (tree_labels.h),
// and added only where someone reads them (readers.h): the response subtree
// (annotate.cpp) and the silence findings (silence_watch.cpp) share them, so
// a text is labelled, cut and wrapped the same way wherever it appears.
#pragma once

#include <epan/proto.h>

#include "catalogue.h"
#include "messages.h"
#include "readers.h"

namespace sipcat::ws {

// What this packet's readers read, for the calls below (set per packet by the post-dissector).
void set_reading(const Readers &r);
const Readers &reading();

// Someone can read this field: the tree is seen, or a filter, column or -e names
// it. Wireshark would fake the item otherwise; not even asking it saves the call.
bool read_by_someone(proto_tree *tree, int hf);

// Null when nobody reads the field. `translate`: `value` is a name filters
// compare, and the label shows `shown_as` in the chosen language before it.
proto_item *add_string(proto_tree *tree, int hf, tvbuff_t *tvb, const char *value, MessageId shown_as = {},
                       bool translate = false);
proto_item *add_uint(proto_tree *tree, int hf, tvbuff_t *tvb, guint32 value);
proto_item *add_bool(proto_tree *tree, int hf, tvbuff_t *tvb, bool value);

// A text that may be longer than a tree label (240 bytes): in a visible tree
// with wrapping on, labelled with its first line and shown whole below it
// (wrapped_text.h); else one item whose label is cut. `lines`: `text` wrapped
// to Catalogue::kTreeLineBytes, empty when it fits a label.
proto_item *add_long_text(proto_tree *st, int hf, tvbuff_t *tvb, Text text, Array<Text> lines);

// The same for a text made per packet: wrapped here, into the packet's pool, when it will be shown in lines.
proto_item *add_long_text(proto_tree *st, int hf, tvbuff_t *tvb, packet_info *pinfo, const char *value);

}  // namespace sipcat::ws
