/* Preloaded into every callgrind run of the benchmark. Wireshark seeds its
 * hash tables from g_random_int() (wmem's universal hashing), so collisions,
 * and with them the instruction count of one and the same run, differ from
 * run to run: by up to 4 M instructions (about 1,000 a frame over 4,000
 * frames) on 4.0. Every run draws the same numbers from here instead. */
#include <stdint.h>

static uint32_t state = 2463534242u;

uint32_t g_random_int(void)
{
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
}

int32_t g_random_int_range(int32_t begin, int32_t end)
{
    return end > begin ? begin + (int32_t)(g_random_int() % (uint32_t)(end - begin)) : begin;
}

double g_random_double(void) { return g_random_int() / 4294967296.0; }
