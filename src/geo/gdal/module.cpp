// citemap-gdal.so's entry point: the one symbol citemap looks up (geo/gdal_module.cpp).
#include "geo/gdal/gdal_crs.hpp"
#include "geo/gdal/gdal_vector.hpp"

namespace citemap {
namespace {

class Module final : public GdalModule {
  public:
    std::vector<RawFeature> read_vector(const std::filesystem::path& path, const std::string& written,
                                        const std::string& layer_name, const Where& from) const override {
        return gdal_read_vector(path, written, layer_name, from);
    }
    std::unique_ptr<CrsModel> crs(const CrsRequest& request, const Where& where) const override {
        return gdal_crs(request, where);
    }
};

} // namespace
} // namespace citemap

extern "C" __attribute__((visibility("default"))) const citemap::GdalModule* citemap_gdal_module(int abi) {
    static const citemap::Module module;
    return abi == citemap::kGdalModuleAbi ? &module : nullptr;
}
