// RAII for dlopen: a shared object opened at run time (the GDAL module, geo/gdal_module.cpp).
#pragma once

#include <dlfcn.h>

#include <memory>

namespace citemap {

struct SharedObjectDeleter {
    void operator()(void* handle) const { dlclose(handle); }
};
using SharedObject = std::unique_ptr<void, SharedObjectDeleter>;

} // namespace citemap
