// The statistics tree `tshark -q -z sipcat,tree[,FILTER]` (Statistics menu in
// Wireshark): responses by class, code and method, diagnoses and call
// outcomes, from the per-frame records the dissector hands to the tap.
#pragma once

namespace sipcat::ws {

void register_stats_tap();         // at protocol registration: the tap itself
void register_stats_tree();        // from the plugin's tap registration
void queue_for_taps(void *pinfo, const void *frame_record);
bool stats_tap_listening();        // -z sipcat,tree or the Statistics dialog

}  // namespace sipcat::ws
