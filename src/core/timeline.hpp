// Where a command's time goes, for whoever measures citemap: with CITEMAP_TIMELINE in the environment,
// `check` prints to stderr, once done, every stage it timed with the thread it ran on, its start and end
// (ms since the first stage started) and the CPU time its thread spent in it. Unset, a Span reads one
// flag and records nothing, and nothing is printed.
#pragma once

namespace citemap::timeline {

class Span {
  public:
    // `what` is a literal (kept until printed); `page` numbers a page's stages, -1 for none.
    explicit Span(const char* what, long page = -1);
    ~Span();
    Span(const Span&) = delete;
    Span& operator=(const Span&) = delete;

  private:
    const char* what_;
    long page_;
    double start_ = 0, cpu_ = 0;
};

// The stages recorded so far, by start, when CITEMAP_TIMELINE is set; then none are kept.
void print();

} // namespace citemap::timeline
