// Reprojection, CRS choice, geodesic distances and geometry repair.
#include "geo/geometry_ops.hpp"
#include "geo/projection.hpp"

#include <cmath>
#include "test_support.hpp"

using namespace citemap;

TEST_CASE("the default CRS is the UTM zone of the zones' centre") {
    const Projection p("", {34.2, 31.2, 34.6, 31.6});
    CHECK(p.authority() == "EPSG:32636");
    const Projection south("", {-58.5, -34.7, -58.3, -34.5}); // Buenos Aires
    CHECK(south.authority() == "EPSG:32721");
}

TEST_CASE("a known point reprojects to UTM 36N as GDAL computes it") {
    // Reference: echo "34.4667 31.5016" | gdaltransform -s_srs EPSG:4326 -t_srs EPSG:32636
    const Projection p("EPSG:32636", {34, 31, 35, 32});
    const Point xy = p.forward({34.4667, 31.5016});
    CHECK(xy.x == doctest::Approx(639288.756).epsilon(1e-9));
    CHECK(xy.y == doctest::Approx(3486125.664).epsilon(1e-9));
    const Point back = p.inverse(xy);
    CHECK(back.x == doctest::Approx(34.4667).epsilon(1e-9));
    CHECK(back.y == doctest::Approx(31.5016).epsilon(1e-9));
}

TEST_CASE("a geographic or unknown CRS is refused with advice") {
    CHECK_THROWS_WITH_AS(Projection("EPSG:4326", {34, 31, 35, 32}), doctest::Contains("not projected"),
                         Error);
    CHECK_THROWS_WITH_AS(Projection("EPSG:999999", {34, 31, 35, 32}), doctest::Contains("unknown CRS"),
                         Error);
}

TEST_CASE("geodesic distances match the WGS 84 ellipsoid") {
    CHECK(geodesic_distance({0, 0}, {0, 1}) == doctest::Approx(110574.389).epsilon(1e-6));
    CHECK(geodesic_distance({0, 0}, {1, 0}) == doctest::Approx(111319.491).epsilon(1e-6));
}

TEST_CASE("UTM's scale factor shows in the ground scale and the convergence near the zone edge") {
    const Projection p("EPSG:32636", {34, 31, 35, 32});
    const Point centre_meridian = p.forward({33.0, 31.5});
    CHECK(p.ground_scale_at(centre_meridian) == doctest::Approx(1 / 0.9996).epsilon(1e-4));
    CHECK(std::abs(p.convergence_at(p.forward({34.45, 31.4}))) * 180 / M_PI ==
          doctest::Approx(0.75).epsilon(0.05));
}

TEST_CASE("a bow-tie polygon is repaired into valid polygons") {
    GeosContext ctx;
    GeosGeom bow = ctx.polygon({{{0, 0}, {10, 10}, {10, 0}, {0, 10}}});
    REQUIRE(geom::invalid_reason(ctx, bow.get()).has_value());
    GeosGeom fixed = geom::make_valid(ctx, bow.get());
    CHECK_FALSE(geom::invalid_reason(ctx, fixed.get()).has_value());
    CHECK(geom::area(ctx, fixed.get()) == doctest::Approx(50));
}

TEST_CASE("the pole of inaccessibility of an L-shape lies in its thick part") {
    GeosContext ctx;
    GeosGeom l = ctx.polygon({{{0, 0}, {100, 0}, {100, 20}, {20, 20}, {20, 100}, {0, 100}}});
    const geom::Circle c = geom::max_inscribed_circle(ctx, l.get(), 0.1);
    // Touching both outer walls and the inner corner (20, 20): r = 20 * sqrt(2) / (1 + sqrt(2)).
    CHECK(c.radius == doctest::Approx(11.716).epsilon(0.01));
    CHECK(c.centre.x == doctest::Approx(c.centre.y).epsilon(0.02));
}
