// Files compiled into the plugin by cmake/EmbedFiles.cmake (the catalogue).
#pragma once

#include <cstddef>

namespace sipcat::embedded {

struct File {
    const char *name;
    const char *data;
    std::size_t size;
};

extern const File files[];
extern const std::size_t file_count;

}  // namespace sipcat::embedded
