// UTM and LAEA on the WGS 84 ellipsoid (see native_crs.hpp). Formulas: Krüger's series as given by
// Karney, "Transverse Mercator with an accuracy of a few nanometers" (J. Geodesy 2011), eqs. 35-36;
// LAEA after Snyder, "Map Projections: A Working Manual" (1987), pp. 187-190.
#include "geo/native_crs.hpp"

#include "geo/gdal_module.hpp"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <utility>
#include <mutex>

namespace citemap {

namespace {

constexpr double kA = 6378137.0, kF = 1 / 298.257223563;
constexpr double kEs = kF * (2 - kF); // e²
// GRS 1980 (ETRS89's ellipsoid): WGS 84's semi-major axis, a flattening 1e-10 apart.
constexpr double kFGrs80 = 1 / 298.257222101;
constexpr double kEsGrs80 = kFGrs80 * (2 - kFGrs80);
constexpr double kDeg = 0.017453292519943296; // as PROJ converts degrees

// PROJ's input checks, so the same positions fail: latitude past a pole, longitude beyond 10 radians.
bool valid_lonlat(double lam, double phi) {
    return std::isfinite(lam) && std::isfinite(phi) && std::abs(phi) <= M_PI_2 + 1e-12 && std::abs(lam) <= 10;
}

// Into [-π, π], as PROJ wraps a longitude relative to the central meridian.
double wrap_pi(double lam) {
    if (std::abs(lam) < M_PI + 1e-12)
        return lam;
    lam += M_PI;
    lam -= 2 * M_PI * std::floor(lam / (2 * M_PI));
    return lam - M_PI;
}

// Every position through `f`, failed ones included (they become HUGE_VAL); false when any failed.
template <class F>
bool each_point(std::vector<Point>& pts, F f) {
    bool ok = true;
    for (Point& p : pts)
        ok = f(p) && ok;
    return ok;
}

// Clenshaw sums for the series below, in the arithmetic order PROJ uses, so the same inputs give the
// same bits (the maps citemap drew through PROJ stay byte-identical: a label search can turn on the
// last bit of a coordinate). Real: x + Σ c[k] sin(2(k+1)x), given cos 2x and sin 2x.
double sine_series(const std::array<double, 6>& c, double x, double cos_2x, double sin_2x) {
    const double two_cos = 2 * cos_2x;
    double h = 0, h1 = c[5], h2 = 0;
    for (int k = 4; k >= 0; --k) {
        h = -h2 + two_cos * h1 + c[static_cast<std::size_t>(k)];
        h2 = h1;
        h1 = h;
    }
    return x + h * sin_2x;
}

// Complex: Σ c[k] sin(2(k+1)(ξ + iη)) from sin 2ξ, cos 2ξ, sinh 2η, cosh 2η; real and imaginary parts.
std::pair<double, double> complex_sine_series(const std::array<double, 6>& c, double sin_r, double cos_r,
                                              double sinh_i, double cosh_i) {
    double r = 2 * cos_r * cosh_i, i = -2 * sin_r * sinh_i;
    double hr = c[5], hr1 = 0, hr2 = 0, hi = 0, hi1 = 0, hi2 = 0;
    for (int k = 4; k >= 0; --k) {
        hr2 = hr1;
        hi2 = hi1;
        hr1 = hr;
        hi1 = hi;
        hr = -hr2 + r * hr1 - i * hi1 + c[static_cast<std::size_t>(k)];
        hi = -hi2 + i * hr1 + r * hi1;
    }
    r = sin_r * cosh_i;
    i = cos_r * sinh_i;
    return {r * hr - i * hi, r * hi + i * hr};
}

class TransverseMercator final : public CrsModel {
  public:
    TransverseMercator(int zone, bool south) : zone_(zone), south_(south) {
        lon0_ = (zone - 1 + 0.5) * M_PI / 30 - M_PI;
        const double n = std::pow(std::tan(std::asin(std::sqrt(kEs)) / 2), 2);
        double np = n;
        to_conformal_[0] = n * (-2 + n * (2 / 3.0 + n * (4 / 3.0 + n * (-82 / 45.0 + n * (32 / 45.0 + n * (4642 / 4725.0))))));
        from_conformal_[0] = n * (2 + n * (-2 / 3.0 + n * (-2 + n * (116 / 45.0 + n * (26 / 45.0 + n * (-2854 / 675.0))))));
        np *= n;
        to_conformal_[1] = np * (5 / 3.0 + n * (-16 / 15.0 + n * (-13 / 9.0 + n * (904 / 315.0 + n * (-1522 / 945.0)))));
        from_conformal_[1] = np * (7 / 3.0 + n * (-8 / 5.0 + n * (-227 / 45.0 + n * (2704 / 315.0 + n * (2323 / 945.0)))));
        np *= n;
        to_conformal_[2] = np * (-26 / 15.0 + n * (34 / 21.0 + n * (8 / 5.0 + n * (-12686 / 2835.0))));
        from_conformal_[2] = np * (56 / 15.0 + n * (-136 / 35.0 + n * (-1262 / 105.0 + n * (73814 / 2835.0))));
        np *= n;
        to_conformal_[3] = np * (1237 / 630.0 + n * (-12 / 5.0 + n * (-24832 / 14175.0)));
        from_conformal_[3] = np * (4279 / 630.0 + n * (-332 / 35.0 + n * (-399572 / 14175.0)));
        np *= n;
        to_conformal_[4] = np * (-734 / 315.0 + n * (109598 / 31185.0));
        from_conformal_[4] = np * (4174 / 315.0 + n * (-144838 / 6237.0));
        np *= n;
        to_conformal_[5] = np * (444337 / 155925.0);
        from_conformal_[5] = np * (601676 / 22275.0);
        np = n * n;
        // Rectifying radius over a, scaled by k0 (Karney eq. 14).
        scale_ = kK0 / (1 + n) * (1 + np * (1 / 4.0 + np * (1 / 64.0 + np / 256.0)));
        // Krüger's β (ellipsoid -> sphere, eq. 36) and α (sphere -> ellipsoid, eq. 35).
        beta_[0] = n * (-0.5 + n * (2 / 3.0 + n * (-37 / 96.0 + n * (1 / 360.0 + n * (81 / 512.0 + n * (-96199 / 604800.0))))));
        alpha_[0] = n * (0.5 + n * (-2 / 3.0 + n * (5 / 16.0 + n * (41 / 180.0 + n * (-127 / 288.0 + n * (7891 / 37800.0))))));
        beta_[1] = np * (-1 / 48.0 + n * (-1 / 15.0 + n * (437 / 1440.0 + n * (-46 / 105.0 + n * (1118711 / 3870720.0)))));
        alpha_[1] = np * (13 / 48.0 + n * (-3 / 5.0 + n * (557 / 1440.0 + n * (281 / 630.0 + n * (-1983433 / 1935360.0)))));
        np *= n;
        beta_[2] = np * (-17 / 480.0 + n * (37 / 840.0 + n * (209 / 4480.0 + n * (-5569 / 90720.0))));
        alpha_[2] = np * (61 / 240.0 + n * (-103 / 140.0 + n * (15061 / 26880.0 + n * (167603 / 181440.0))));
        np *= n;
        beta_[3] = np * (-4397 / 161280.0 + n * (11 / 504.0 + n * (830251 / 7257600.0)));
        alpha_[3] = np * (49561 / 161280.0 + n * (-179 / 168.0 + n * (6601661 / 7257600.0)));
        np *= n;
        beta_[4] = np * (-4583 / 161280.0 + n * (108847 / 3991680.0));
        alpha_[4] = np * (34729 / 80640.0 + n * (-3418889 / 1995840.0));
        np *= n;
        beta_[5] = np * (-20648693 / 638668800.0);
        alpha_[5] = np * (212378941 / 319334400.0);
    }

    bool forward(std::vector<Point>& pts) const override {
        return each_point(pts, [&](Point& p) { return forward(p); });
    }
    bool inverse(std::vector<Point>& pts) const override {
        return each_point(pts, [&](Point& p) { return inverse(p); });
    }
    std::string name() const override {
        return "WGS 84 / UTM zone " + std::to_string(zone_) + (south_ ? "S" : "N") + " (" + authority() + ")";
    }
    std::string authority() const override { return "EPSG:" + std::to_string(epsg()); }
    int epsg() const override { return (south_ ? 32700 : 32600) + zone_; }
    std::string wkt() const override {
        // What GDAL's exportToWkt gives for these EPSG codes (tests/geo/native_crs_test.cpp compares).
        return "PROJCS[\"WGS 84 / UTM zone " + std::to_string(zone_) + (south_ ? "S" : "N") +
               "\",GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,AUTHORITY[\"EPSG\","
               "\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT["
               "\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AUTHORITY[\"EPSG\",\"4326\"]],PROJECTION["
               "\"Transverse_Mercator\"],PARAMETER[\"latitude_of_origin\",0],PARAMETER[\"central_meridian\"," +
               std::to_string(-183 + 6 * zone_) +
               "],PARAMETER[\"scale_factor\",0.9996],PARAMETER[\"false_easting\",500000],PARAMETER[\"false_northing\"," +
               (south_ ? "10000000" : "0") +
               "],UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]],AXIS[\"Easting\",EAST],AXIS[\"Northing\",NORTH],"
               "AUTHORITY[\"EPSG\",\"" +
               std::to_string(epsg()) + "\"]]";
    }

  private:
    static constexpr double kK0 = 0.9996;
    // |η'| beyond which the series diverge (PROJ's limit, ~150° of spherical longitude).
    static constexpr double kMaxEta = 2.623395162778;

    bool forward(Point& p) const {
        double lam = p.x * kDeg;
        double phi = p.y * kDeg;
        if (!valid_lonlat(lam, phi))
            return fail(p);
        if (std::abs(std::abs(phi) - M_PI_2) < 1e-12)
            phi = phi < 0 ? -M_PI_2 : M_PI_2;
        lam = wrap_pi(wrap_pi(lam) - lon0_);
        // Geodetic -> conformal latitude χ; then the transverse spherical coordinates ξ', η'.
        const double chi = sine_series(to_conformal_, phi, std::cos(2 * phi), std::sin(2 * phi));
        const double sin_chi = std::sin(chi), cos_chi = std::cos(chi);
        const double sin_lam = std::sin(lam), cos_lam = std::cos(lam);
        const double cos_chi_cos_lam = cos_chi * cos_lam;
        double xi = std::atan2(sin_chi, cos_chi_cos_lam);
        const double inv_denom = 1. / std::hypot(sin_chi, cos_chi_cos_lam);
        const double tan_eta = sin_lam * cos_chi * inv_denom;
        double eta = std::asinh(tan_eta);
        // sin 2ξ', cos 2ξ', sinh 2η', cosh 2η' from the values above (double-angle identities).
        const double two_inv = 2 * inv_denom, two_inv_sq = two_inv * inv_denom;
        const double tmp = cos_chi_cos_lam * two_inv_sq;
        const auto [dxi, deta] = complex_sine_series(alpha_, sin_chi * tmp, cos_chi_cos_lam * tmp - 1,
                                                     tan_eta * two_inv, two_inv_sq - 1);
        xi += dxi;
        eta += deta;
        if (!(std::abs(eta) <= kMaxEta))
            return fail(p);
        p.x = kA * (scale_ * eta) + kFalseEasting;
        p.y = kA * (scale_ * xi + -0.0) + (south_ ? kFalseNorthingSouth : 0.0);
        return true;
    }

    bool inverse(Point& p) const {
        const double x = (p.x - kFalseEasting) * (1 / kA), y = (p.y - (south_ ? kFalseNorthingSouth : 0.0)) * (1 / kA);
        double xi = (y - -0.0) / scale_, eta = x / scale_;
        if (!(std::abs(eta) <= kMaxEta))
            return fail(p);
        const double exp_2eta = std::exp(2 * eta), half_inv = 0.5 / exp_2eta;
        const auto [dxi, deta] = complex_sine_series(beta_, std::sin(2 * xi), std::cos(2 * xi),
                                                     0.5 * exp_2eta - half_inv, 0.5 * exp_2eta + half_inv);
        xi += dxi;
        eta += deta;
        const double sin_xi = std::sin(xi), cos_xi = std::cos(xi);
        const double sinh_eta = std::sinh(eta);
        const double lam = std::atan2(sinh_eta, cos_xi);
        const double modulus = std::hypot(sinh_eta, cos_xi);
        const double chi = std::atan2(sin_xi, modulus);
        const double tmp = 2 * modulus / (sinh_eta * sinh_eta + 1);
        const double phi = sine_series(from_conformal_, chi, tmp * modulus - 1., sin_xi * tmp);
        p.x = wrap_pi(lam + lon0_) * (1 / kDeg);
        p.y = phi * (1 / kDeg);
        return true;
    }

    static bool fail(Point& p) {
        p = {HUGE_VAL, HUGE_VAL};
        return false;
    }

    static constexpr double kFalseEasting = 500000, kFalseNorthingSouth = 10000000;
    int zone_;
    bool south_;
    double lon0_ = 0, scale_ = 0;
    std::array<double, 6> to_conformal_{}, from_conformal_{}, alpha_{}, beta_{};
};

// A parameter as PROJ reads it back from the PROJ string it is given (15 significant digits).
double as_proj_reads(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.15g", v);
    return std::strtod(text, nullptr);
}

// q of Snyder eq. 3-12, times (1 - e²)⁻¹ left out as PROJ's pj_qsfn has it: (1 - e²)(sinφ/(1 - e²sin²φ)
// - 1/(2e) ln((1 - e sinφ)/(1 + e sinφ))).
double authalic_q(double sin_phi, double es) {
    const double e = std::sqrt(es), con = e * sin_phi;
    return (1. - es) * (sin_phi / (1.0 - con * con) - (.5 / e) * std::log((1. - con) / (1.0 + con)));
}

// What an EqualArea describes itself as when it has an EPSG code of its own (as GDAL describes it).
struct Described {
    int epsg = 0;
    const char* name = "";
    const char* wkt = "";
};

class EqualArea final : public CrsModel {
  public:
    // WGS 84, no false origin, described by the GDAL module.
    EqualArea(double lat0, double lon0) : EqualArea(lat0, lon0, kEs, 0, 0, {}) {}
    // On the ellipsoid of e² = `es`, with a false origin; `described.epsg` non-zero: described as given.
    EqualArea(double lat0, double lon0, double es, double x0, double y0, Described described)
        : lat0_(lat0), lon0_(lon0), es_(es), x0_(x0), y0_(y0), fixed_(described) {
        // PROJ receives the centre as text with 15 significant digits: the same centre here.
        phi0_ = as_proj_reads(lat0) * kDeg;
        lam0_ = as_proj_reads(lon0) * kDeg;
        // Series of the authalic -> geodetic latitude (PROJ's pj_authset, in its order).
        apa_[0] = es * (1 / 3.0);
        double t = es * es;
        apa_[0] += t * (31 / 180.0);
        apa_[1] = t * (23 / 360.0);
        t *= es;
        apa_[0] += t * (517 / 5040.0);
        apa_[1] += t * (251 / 3780.0);
        apa_[2] = t * (761 / 45360.0);
        qp_ = authalic_q(1, es_);
        rq_ = std::sqrt(0.5 * qp_);
        if (std::abs(phi0_) < 1e-10) { // the equatorial aspect
            dd_ = 1. / rq_;
            xmf_ = 1.;
            ymf_ = 0.5 * qp_;
            sinb1_ = 0;
            cosb1_ = 1;
            return;
        }
        const double sin_phi0 = std::sin(phi0_);
        sinb1_ = authalic_q(sin_phi0, es_) / qp_;
        cosb1_ = std::sqrt(1. - sinb1_ * sinb1_);
        dd_ = std::cos(phi0_) / (std::sqrt(1. - es_ * sin_phi0 * sin_phi0) * rq_ * cosb1_);
        xmf_ = rq_;
        ymf_ = xmf_ / dd_;
        xmf_ *= dd_;
    }

    bool forward(std::vector<Point>& pts) const override {
        return each_point(pts, [&](Point& p) { return forward(p); });
    }
    bool inverse(std::vector<Point>& pts) const override {
        return each_point(pts, [&](Point& p) { return inverse(p); });
    }
    std::string name() const override {
        return fixed_.epsg ? std::string(fixed_.name) + " (" + authority() + ")" : described().name();
    }
    std::string authority() const override {
        return fixed_.epsg ? "EPSG:" + std::to_string(fixed_.epsg) : described().authority();
    }
    std::string wkt() const override { return fixed_.epsg ? fixed_.wkt : described().wkt(); }
    int epsg() const override { return fixed_.epsg; }

  private:
    bool forward(Point& p) const {
        double lam = p.x * kDeg, phi = p.y * kDeg;
        if (!valid_lonlat(lam, phi))
            return fail(p);
        if (std::abs(std::abs(phi) - M_PI_2) < 1e-12)
            phi = phi < 0 ? -M_PI_2 : M_PI_2;
        lam = wrap_pi(wrap_pi(lam) - lam0_);
        const double coslam = std::cos(lam), sinlam = std::sin(lam);
        const double sinb = authalic_q(std::sin(phi), es_) / qp_;
        const double cosb2 = 1. - sinb * sinb;
        const double cosb = cosb2 > 0 ? std::sqrt(cosb2) : 0;
        const bool equatorial = std::abs(phi0_) < 1e-10;
        double b = equatorial ? 1. + cosb * coslam : 1. + sinb1_ * sinb + cosb1_ * cosb * coslam;
        if (std::abs(b) < 1e-10)
            return fail(p); // the antipode of the centre
        double x = 0, y = 0;
        if (equatorial) {
            b = std::sqrt(2. / (1. + cosb * coslam));
            y = b * sinb * ymf_;
        } else {
            b = std::sqrt(2. / b);
            y = ymf_ * b * (cosb1_ * sinb - sinb1_ * cosb * coslam);
        }
        x = xmf_ * b * cosb * sinlam;
        p.x = kA * x + x0_;
        p.y = kA * y + y0_;
        return true;
    }

    // PROJ 9.1's inverse step by step (laea e_inverse, pj_authlat), so a map drawn in an equal-area
    // CRS gets PROJ's bits for its corners, north and scale too.
    bool inverse(Point& p) const {
        const double xa = (p.x - x0_) * (1 / kA), ya = (p.y - y0_) * (1 / kA);
        const double x = xa / dd_, y = ya * dd_;
        const double rho = std::hypot(x, y);
        if (!std::isfinite(rho))
            return fail(p);
        if (rho < 1e-10) {
            p = {wrap_pi(0. + lam0_) * (1 / kDeg), phi0_ * (1 / kDeg)};
            return true;
        }
        const double asin_argument = .5 * rho / rq_;
        if (asin_argument > 1)
            return fail(p);
        double sce = 2. * std::asin(asin_argument);
        const double cce = std::cos(sce);
        sce = std::sin(sce);
        const double ab = cce * sinb1_ + y * sce * cosb1_ / rho;
        const double lam = std::atan2(x * sce, rho * cosb1_ * cce - y * sinb1_ * sce);
        // Authalic -> geodetic latitude by PROJ's series.
        const double beta = std::asin(ab), t = beta + beta;
        const double phi = beta + apa_[0] * std::sin(t) + apa_[1] * std::sin(t + t) + apa_[2] * std::sin(t + t + t);
        p.x = wrap_pi(lam + lam0_) * (1 / kDeg);
        p.y = phi * (1 / kDeg);
        return true;
    }

    // The same CRS through GDAL, for its description only (made once, when first asked).
    const CrsModel& described() const {
        std::call_once(described_once_, [&] {
            CrsRequest r;
            r.kind = CrsRequest::Kind::laea;
            r.lat0 = lat0_;
            r.lon0 = lon0_;
            described_ = gdal_module().crs(r, {});
        });
        return *described_;
    }

    static bool fail(Point& p) {
        p = {HUGE_VAL, HUGE_VAL};
        return false;
    }

    double lat0_, lon0_, es_, x0_, y0_, phi0_ = 0, lam0_ = 0;
    Described fixed_;
    std::array<double, 3> apa_{};
    double qp_ = 0, rq_ = 0, sinb1_ = 0, cosb1_ = 0, xmf_ = 0, ymf_ = 0, dd_ = 0;
    mutable std::once_flag described_once_;
    mutable std::unique_ptr<CrsModel> described_;
};

} // namespace

std::unique_ptr<CrsModel> utm_crs(int zone, bool south) {
    return std::make_unique<TransverseMercator>(zone, south);
}

std::unique_ptr<CrsModel> laea_crs(double lat0, double lon0) {
    return std::make_unique<EqualArea>(lat0, lon0);
}

std::unique_ptr<CrsModel> native_epsg_crs(const std::string& text) {
    // "EPSG:n" as GDAL's SetFromUserInput reads it, letter case aside; anything else goes to GDAL.
    if (text.size() < 6 || text.size() > 10)
        return nullptr;
    for (std::size_t i = 0; i < 5; ++i)
        if (std::toupper(static_cast<unsigned char>(text[i])) != "EPSG:"[i])
            return nullptr;
    int code = 0;
    for (std::size_t i = 5; i < text.size(); ++i) {
        if (text[i] < '0' || text[i] > '9' || (i == 5 && text[i] == '0'))
            return nullptr;
        code = code * 10 + (text[i] - '0');
    }
    if ((code > 32600 && code <= 32660) || (code > 32700 && code <= 32760))
        return utm_crs(code % 100, code > 32700);
    if (code == 3035) // ETRS89-LAEA Europe: PROJ's pipeline from WGS 84 is this LAEA on GRS 1980 alone
        return std::make_unique<EqualArea>(
            52, 10, kEsGrs80, 4321000, 3210000,
            Described{3035, "ETRS89-extended / LAEA Europe",
                      "PROJCS[\"ETRS89-extended / LAEA Europe\",GEOGCS[\"ETRS89\",DATUM[\"European_Terrestrial_"
                      "Reference_System_1989\",SPHEROID[\"GRS 1980\",6378137,298.257222101,AUTHORITY[\"EPSG\",\"7019\"]],"
                      "AUTHORITY[\"EPSG\",\"6258\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\","
                      "0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AUTHORITY[\"EPSG\",\"4258\"]],PROJECTION[\"Lambert_"
                      "Azimuthal_Equal_Area\"],PARAMETER[\"latitude_of_center\",52],PARAMETER[\"longitude_of_center\",10],"
                      "PARAMETER[\"false_easting\",4321000],PARAMETER[\"false_northing\",3210000],UNIT[\"metre\",1,"
                      "AUTHORITY[\"EPSG\",\"9001\"]],AXIS[\"Northing\",NORTH],AXIS[\"Easting\",EAST],AUTHORITY[\"EPSG\","
                      "\"3035\"]]"});
    return nullptr;
}

} // namespace citemap
