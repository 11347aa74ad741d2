// The diagnosis state machine fed a stream of requests and responses whose
// Call-IDs, branches, methods and codes come from the input, as from a hostile
// capture: it must stay within its bounds and never fail.
#include <algorithm>
#include <cstdint>

#include "diagnosis.h"
#include "fuzz_input.h"

namespace {
class Bytes {
public:
    Bytes(const uint8_t *d, size_t n) : d_(d), n_(n) {}
    bool empty() const { return n_ == 0; }
    uint8_t byte() { return n_ ? (--n_, *d_++) : 0; }
    std::string str(size_t max)
    {
        const size_t len = std::min<size_t>(byte() % (max + 1), n_);
        std::string s(reinterpret_cast<const char *>(d_), len);
        d_ += len;
        n_ -= len;
        return s;
    }

private:
    const uint8_t *d_;
    size_t n_;
};
const char *const kMethods[] = {"INVITE", "ACK", "BYE", "CANCEL", "REGISTER", "OPTIONS", "", "invite"};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Bytes in(data, size);
    sipcat::Diagnoser d;
    uint32_t frame = 0;
    while (!in.empty()) {
        const uint8_t op = in.byte();
        const std::string call_id = in.str(8), branch = in.str(4);
        const uint32_t cseq = in.byte() % 4;
        const std::string method = kMethods[in.byte() % 8];
        if (op & 1) {
            sipcat::RequestFacts r;
            r.call_id = call_id;
            r.branch = branch;
            r.cseq = cseq;
            r.method = method;
            r.in_dialog = op & 2;
            r.authorization = op & 4;
            r.proxy_authorization = op & 8;
            r.username = in.str(4);
            r.nonce = in.str(4);
            r.frame = ++frame;
            r.resend = (op & 0x30) == 0x30;
            d.on_request(r);
        } else {
            sipcat::ResponseFacts f;
            f.call_id = call_id;
            f.branch = branch;
            f.cseq = cseq;
            f.method = method;
            f.code = 100 + (in.byte() * 3u + in.byte()) % 600;
            f.headers = static_cast<uint16_t>(in.byte() << 1);
            f.stale = op & 2;
            for (int n = in.byte() % 3; n > 0; --n)
                f.nonces.push_back(in.str(4));
            f.resend = (op & 0x30) == 0x30;
            f.q850 = (op & 4) ? in.byte() : -1;
            const sipcat::Diagnosis g = d.on_response(f);
            SIPCAT_FUZZ_CHECK(g.request_frame <= frame);
            SIPCAT_FUZZ_CHECK((g.missing & ~sipcat::required_headers(f.code)) == 0);
        }
        SIPCAT_FUZZ_CHECK(d.tracked_calls() <= sipcat::Diagnoser::kMaxCalls);
    }
    d.clear();
    SIPCAT_FUZZ_CHECK(d.tracked_calls() == 0);
    return 0;
}
