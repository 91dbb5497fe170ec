/**
 * The PyPI format under {@code /pypi/<registry>/}: the simple repository API (PEP 503 HTML and PEP 691 JSON, with the
 * hashes, requires-python, yanked status and core metadata links of PEPs 592, 658, 700 and 714), uploads from twine
 * and poetry, and upstream indexes whose file URLs are rewritten to Wharf's own.
 */
@NullMarked
package dev.wharf.runtime.pypi;

import org.jspecify.annotations.NullMarked;
