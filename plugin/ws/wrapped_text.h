// A text longer than a tree label (240 bytes), shown line by line in a visible
// tree: the item reads "Label: first line" and the other lines hang below it,
// so the text is there once, whole, and its start shows with the item folded.
#pragma once

#include <epan/proto.h>

#include "catalogue.h"

namespace sipcat::ws {

// `lines`: `value` wrapped to Catalogue::kTreeLineBytes, at least one line.
proto_item *add_wrapped_text(proto_tree *st, int hf, tvbuff_t *tvb, Text value, Array<Text> lines);

}  // namespace sipcat::ws
