// Cairo 1.16 (Debian 12) keeps the font faces of each font file in a list that
// cairo_ft_font_face_create_for_pattern searches and extends without a lock, and it links a new face
// into that list before setting its reference count and status; a face whose last reference goes
// is unlinked from the list, also without a lock. The faces are cairo's, shared by every font map
// that uses the file, so the text engines of several threads (pages laid out in parallel, workers
// warming their engines) make and search them at once: helgrind shows the list read on one thread
// while another writes it. A thread that finds a half-made face takes a reference its maker then
// overwrites, and the face can be freed under it. This definition, which libpangocairo's call
// binds to, makes faces one at a time and keeps a reference to each, so none is ever unlinked while
// another thread searches the list. There is one face per font file and load options: tens of them.
#include "text/cairo_faces.hpp"

#include <cairo-ft.h>
#include <dlfcn.h>

#include <algorithm>
#include <mutex>
#include <vector>

namespace {

using CreateForPattern = cairo_font_face_t* (*)(FcPattern*);

CreateForPattern cairo_create_for_pattern() {
    static const auto real =
        reinterpret_cast<CreateForPattern>(dlsym(RTLD_NEXT, "cairo_ft_font_face_create_for_pattern"));
    return real;
}

struct KeptFaces {
    std::mutex mutex;
    std::vector<cairo_font_face_t*> faces; // each holds one reference, never released
};

KeptFaces& kept() {
    static KeptFaces faces;
    return faces;
}

} // namespace

extern "C" cairo_font_face_t* cairo_ft_font_face_create_for_pattern(FcPattern* pattern) {
    KeptFaces& k = kept();
    const std::lock_guard lock(k.mutex);
    cairo_font_face_t* face = cairo_create_for_pattern()(pattern);
    if (cairo_font_face_status(face) == CAIRO_STATUS_SUCCESS &&
        std::find(k.faces.begin(), k.faces.end(), face) == k.faces.end())
        k.faces.push_back(cairo_font_face_reference(face));
    return face;
}

namespace citemap {

bool cairo_faces_guarded() {
    return cairo_create_for_pattern() != nullptr;
}

std::size_t cairo_faces_kept() {
    KeptFaces& k = kept();
    const std::lock_guard lock(k.mutex);
    return k.faces.size();
}

} // namespace citemap
