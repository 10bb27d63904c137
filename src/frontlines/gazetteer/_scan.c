/* The name index's scan in native code: text -> tokens -> token classes -> leftmost-longest names.
 *
 * ``Scanner(patterns, classify, max_tokens)`` holds
 *   - a trie of the automaton patterns (one NUL-terminated string of them, sorted, each pattern a string
 *     of token-class characters), in flat arrays: a direct table for the root's children, then per node
 *     its children sorted by class (binary search);
 *   - a hash table from raw token (its code points) to its class and flags, filled on first sight by
 *     calling ``classify(raw) -> (class, flags)`` (Python), and emptied when it holds ``max_tokens``.
 * ``scan(text)`` splits the text into tokens exactly as ``TOKEN_PATTERN`` in patterns.py (a run of
 * alphanumerics, with apostrophes inside it but not before a final s), classifies each, and walks the
 * trie from each token for the longest name starting there (leftmost-longest, non-overlapping, as the
 * Aho-Corasick automaton of the reference). It returns the hits as one bytes object of int64 records
 * (pattern index, start, end, words): start includes the article before the name when the article's
 * flags say it belongs to it, words counts the name's tokens less its inner articles (1 for one token).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FILLER_CLASS 0x20
#define ARTICLE_CLASS 0x01
/* flags of a token: bits 0-8, which sun letters its folded form starts with; bits 9-12, the sun letter
 * (1-based) an assimilated article needs after it; bit 15, an article that always joins the next word. */
#define PLAIN_ARTICLE 0x8000u
#define LETTER_SHIFT 9
/* Tokens of at most 8 characters in a 1-byte string: their hash is a bijection of their bytes (see
 * hash_span), so equal hashes and lengths mean equal tokens and the pool is not needed. */
#define PACKED 0x80000000u
#define PREFETCH 8

typedef struct {
    uint64_t hash;
    uint32_t offset; /* of the key's code points in the pool */
    uint32_t length; /* 0: an empty slot; | PACKED: a short token of a 1-byte string, whose hash is its key */
    uint32_t cls;
    uint32_t flags;
    int32_t node; /* the trie node of its class under the root, -1 when no name starts with it */
} Entry;

typedef struct {
    PyObject_HEAD
    PyObject *classify;
    Entry *entries;
    size_t capacity, used, max_tokens;
    uint32_t *pool;
    size_t pool_len, pool_cap;
    int32_t *root; /* class -> first node, -1 when no pattern starts with it */
    size_t root_size;
    int32_t *child_start; /* nodes + 1 */
    uint32_t *child_class;
    int32_t *child_node;
    int32_t *node_pattern; /* pattern index ending at the node, or -1 */
    size_t nodes;
    /* per-scan buffers */
    uint32_t *tok_cls, *tok_flags;
    int32_t *tok_node;
    uint64_t *tok_hash;
    Py_ssize_t *tok_start, *tok_end;
    size_t tok_cap;
    int busy;
} Scanner;

/* Py_UNICODE_ISALNUM (what the regex's [^\W_] matches) of the first 256 code points, filled at import */
static unsigned char latin1_alnum[256];

static inline int is_alnum(Py_UCS4 c) { return c < 256 ? latin1_alnum[c] : Py_UNICODE_ISALNUM(c); }

static inline int is_word(Py_UCS4 c) { return c == '_' || is_alnum(c); }

static inline int is_apostrophe(Py_UCS4 c) {
    return c == 0x27 || c == 0x2019 || c == 0x2018 || c == 0x2BF || c == 0x2BE || c == 0x2BC || c == 0x60;
}

static inline uint64_t mix(uint64_t h) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

static void free_table(Scanner *self) {
    PyMem_Free(self->entries);
    PyMem_Free(self->pool);
    self->entries = NULL;
    self->pool = NULL;
    self->capacity = self->used = self->pool_len = self->pool_cap = 0;
}

static int reset_table(Scanner *self, size_t capacity) {
    Entry *entries = PyMem_Calloc(capacity, sizeof(Entry));
    if (!entries) {
        PyErr_NoMemory();
        return -1;
    }
    PyMem_Free(self->entries);
    self->entries = entries;
    self->capacity = capacity;
    self->used = 0;
    self->pool_len = 0;
    return 0;
}

static int grow_table(Scanner *self) {
    size_t capacity = self->capacity * 2;
    Entry *entries = PyMem_Calloc(capacity, sizeof(Entry));
    if (!entries) {
        PyErr_NoMemory();
        return -1;
    }
    for (size_t i = 0; i < self->capacity; i++) {
        Entry *e = &self->entries[i];
        if (!e->length) continue;
        size_t slot = mix(e->hash) & (capacity - 1);
        while (entries[slot].length) slot = (slot + 1) & (capacity - 1);
        entries[slot] = *e;
    }
    PyMem_Free(self->entries);
    self->entries = entries;
    self->capacity = capacity;
    return 0;
}

/* A token first seen: classify() it and keep its class and flags in the table. */
static __attribute__((noinline)) int add_token(Scanner *self, PyObject *text, int kind, const void *data,
                                               Py_ssize_t start, Py_ssize_t end, uint64_t hash, uint32_t *cls,
                                               uint32_t *flags, int32_t *node) {
    size_t length = (size_t)(end - start);
    int packed = kind == PyUnicode_1BYTE_KIND && length <= 8;
    size_t mask, slot;
    PyObject *raw = PyUnicode_Substring(text, start, end);
    if (!raw) return -1;
    PyObject *result = PyObject_CallOneArg(self->classify, raw);
    Py_DECREF(raw);
    if (!result) return -1;
    unsigned long c, f;
    if (!PyTuple_Check(result) || PyTuple_GET_SIZE(result) != 2) {
        Py_DECREF(result);
        PyErr_SetString(PyExc_TypeError, "classify must return (class, flags)");
        return -1;
    }
    c = PyLong_AsUnsignedLong(PyTuple_GET_ITEM(result, 0));
    f = PyLong_AsUnsignedLong(PyTuple_GET_ITEM(result, 1));
    Py_DECREF(result);
    if (PyErr_Occurred()) return -1;
    if (c > 0x10FFFF || f > 0xFFFF) {
        PyErr_SetString(PyExc_ValueError, "class or flags out of range");
        return -1;
    }
    *cls = (uint32_t)c;
    *flags = (uint32_t)f;
    *node = *cls < self->root_size ? self->root[*cls] : -1;
    if (self->used >= self->max_tokens || length > UINT32_MAX / 2) {
        if (reset_table(self, 1024) < 0) return -1;
    } else if ((self->used + 1) * 2 > self->capacity) {
        if (grow_table(self) < 0) return -1;
    }
    if (!packed && self->pool_len + length > self->pool_cap) {
        size_t cap = self->pool_cap ? self->pool_cap : 4096;
        while (cap < self->pool_len + length) cap *= 2;
        if (cap > UINT32_MAX) {
            if (reset_table(self, 1024) < 0) return -1;
            cap = self->pool_cap;
        }
        if (cap > self->pool_cap) {
            uint32_t *pool = PyMem_Realloc(self->pool, cap * sizeof(uint32_t));
            if (!pool) {
                PyErr_NoMemory();
                return -1;
            }
            self->pool = pool;
            self->pool_cap = cap;
        }
    }
    mask = self->capacity - 1;
    slot = mix(hash) & mask;
    while (self->entries[slot].length) slot = (slot + 1) & mask;
    Entry *e = &self->entries[slot];
    e->hash = hash;
    e->offset = (uint32_t)self->pool_len;
    e->length = (uint32_t)length | (packed ? PACKED : 0);
    e->cls = *cls;
    e->flags = *flags;
    e->node = *node;
    if (!packed) {
        for (size_t i = 0; i < length; i++)
            self->pool[self->pool_len + i] = PyUnicode_READ(kind, data, start + (Py_ssize_t)i);
        self->pool_len += length;
    }
    self->used++;
    return 0;
}

/* The class and flags of the token text[start:end], from the table or from classify(). */
static inline __attribute__((always_inline)) int classify_token(Scanner *self, PyObject *text, int kind,
                                                                const void *data, Py_ssize_t start, Py_ssize_t end,
                                                                uint64_t hash, uint32_t *cls, uint32_t *flags,
                                                                int32_t *node) {
    size_t length = (size_t)(end - start);
    uint32_t tag = (uint32_t)length | (kind == PyUnicode_1BYTE_KIND && length <= 8 ? PACKED : 0);
    size_t mask = self->capacity - 1;
    size_t slot = mix(hash) & mask;
    for (;;) {
        const Entry *e = &self->entries[slot];
        if (!e->length) break;
        if (e->hash == hash && e->length == tag) {
            size_t i = 0;
            if (!(tag & PACKED)) {
                const uint32_t *key = self->pool + e->offset;
                while (i < length && key[i] == PyUnicode_READ(kind, data, start + (Py_ssize_t)i)) i++;
            }
            if (i == length || (tag & PACKED)) {
                *cls = e->cls;
                *flags = e->flags;
                *node = e->node;
                return 0;
            }
        }
        slot = (slot + 1) & mask;
    }
    return add_token(self, text, kind, data, start, end, hash, cls, flags, node);
}

static int reserve_tokens(Scanner *self, size_t need) {
    if (need <= self->tok_cap) return 0;
    size_t cap = self->tok_cap ? self->tok_cap : 1024;
    while (cap < need) cap *= 2;
    uint32_t *c = PyMem_Realloc(self->tok_cls, cap * sizeof(uint32_t));
    if (c) self->tok_cls = c;
    uint32_t *f = PyMem_Realloc(self->tok_flags, cap * sizeof(uint32_t));
    if (f) self->tok_flags = f;
    int32_t *r = PyMem_Realloc(self->tok_node, cap * sizeof(int32_t));
    if (r) self->tok_node = r;
    uint64_t *h = PyMem_Realloc(self->tok_hash, cap * sizeof(uint64_t));
    if (h) self->tok_hash = h;
    Py_ssize_t *s = PyMem_Realloc(self->tok_start, cap * sizeof(Py_ssize_t));
    if (s) self->tok_start = s;
    Py_ssize_t *e = PyMem_Realloc(self->tok_end, cap * sizeof(Py_ssize_t));
    if (e) self->tok_end = e;
    if (!c || !f || !r || !h || !s || !e) {
        PyErr_NoMemory();
        return -1;
    }
    self->tok_cap = cap;
    return 0;
}

/* The hash of text[start:end]: eight bytes at a time in a 1-byte string, else character by character.
 * (A token may hash differently in strings of different kinds: it is then only classified twice.) */
static inline __attribute__((always_inline)) uint64_t hash_span(int kind, const void *data, Py_ssize_t start,
                                                                Py_ssize_t end, Py_ssize_t n) {
    uint64_t h = 0xcbf29ce484222325ULL ^ (uint64_t)(end - start);
    if (kind == PyUnicode_1BYTE_KIND) { /* up to 8 bytes: one round, a bijection of the bytes */
        const uint8_t *p = (const uint8_t *)data + start;
        Py_ssize_t left = end - start;
        while (left > 0) {
            uint64_t w = 0;
            if (left >= 8 || end - left + 8 <= n) {
                memcpy(&w, p, 8); /* within the string: its last 8 bytes at most */
                if (left < 8) w &= (1ULL << (8 * left)) - 1;
            } else {
                for (Py_ssize_t k = 0; k < left; k++) w |= (uint64_t)p[k] << (8 * k);
            }
            h = (h ^ w) * 0xff51afd7ed558ccdULL;
            h ^= h >> 31;
            p += 8;
            left -= 8;
        }
        return h;
    }
    for (Py_ssize_t k = start; k < end; k++) h = (h ^ PyUnicode_READ(kind, data, k)) * 0x100000001b3ULL;
    return h;
}

/* Tokenise the text and classify each token; returns the token count or -1. Inlined once per string
 * kind (1, 2 or 4 bytes a character), so that each character is read without a switch. */
static inline __attribute__((always_inline)) Py_ssize_t tokenise_kind(Scanner *self, PyObject *text, int kind) {
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    Py_ssize_t count = 0;
    Py_ssize_t i = 0;
    while (i < n) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (!is_alnum(c)) {
            i++;
            continue;
        }
        Py_ssize_t start = i;
        for (;;) {
            while (i < n && is_alnum(c = PyUnicode_READ(kind, data, i))) i++;
            /* an apostrophe inside the word (Ma'arrat), but not an English possessive ('s) */
            if (i + 1 < n && is_apostrophe(c) && is_alnum(PyUnicode_READ(kind, data, i + 1))) {
                Py_UCS4 next = PyUnicode_READ(kind, data, i + 1);
                if ((next == 's' || next == 'S') && (i + 2 >= n || !is_word(PyUnicode_READ(kind, data, i + 2))))
                    break;
                i++;
                continue;
            }
            break;
        }
        if ((size_t)count >= self->tok_cap && reserve_tokens(self, (size_t)count + 1) < 0) return -1;
        self->tok_hash[count] = hash_span(kind, data, start, i, n);
        self->tok_start[count] = start;
        self->tok_end[count] = i;
        count++;
    }
    /* Then the table, its slots fetched a few tokens ahead: most of the time goes into waiting for them. */
    for (Py_ssize_t k = 0; k < count; k++) {
        if (k + PREFETCH < count)
            __builtin_prefetch(&self->entries[mix(self->tok_hash[k + PREFETCH]) & (self->capacity - 1)]);
        uint32_t cls, flags;
        int32_t node;
        if (classify_token(self, text, kind, data, self->tok_start[k], self->tok_end[k], self->tok_hash[k], &cls,
                           &flags, &node) < 0)
            return -1;
        self->tok_cls[k] = cls;
        self->tok_flags[k] = flags;
        self->tok_node[k] = node;
    }
    return count;
}

static Py_ssize_t tokenise(Scanner *self, PyObject *text) {
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND:
        return tokenise_kind(self, text, PyUnicode_1BYTE_KIND);
    case PyUnicode_2BYTE_KIND:
        return tokenise_kind(self, text, PyUnicode_2BYTE_KIND);
    default:
        return tokenise_kind(self, text, PyUnicode_4BYTE_KIND);
    }
}

static inline int32_t child_of(const Scanner *self, int32_t node, uint32_t cls) {
    int32_t lo = self->child_start[node], hi = self->child_start[node + 1];
    while (lo < hi) {
        int32_t mid = lo + (hi - lo) / 2;
        uint32_t c = self->child_class[mid];
        if (c == cls) return self->child_node[mid];
        if (c < cls) lo = mid + 1;
        else hi = mid;
    }
    return -1;
}

static inline int article_joins(uint32_t article_flags, uint32_t word_flags) {
    if (article_flags & PLAIN_ARTICLE) return 1;
    uint32_t letter = (article_flags >> LETTER_SHIFT) & 0xF;
    return letter && (word_flags & (1u << (letter - 1)));
}

static PyObject *Scanner_scan(Scanner *self, PyObject *text) {
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "scan() needs a str");
        return NULL;
    }
    if (self->busy) {
        PyErr_SetString(PyExc_RuntimeError, "scan() re-entered");
        return NULL;
    }
    self->busy = 1;
    Py_ssize_t count = tokenise(self, text);
    self->busy = 0;
    if (count < 0) return NULL;
    const uint32_t *cls = self->tok_cls;
    size_t hits = 0, cap = 64;
    int64_t *out = PyMem_Malloc(cap * 4 * sizeof(int64_t));
    if (!out) return PyErr_NoMemory();
    Py_ssize_t i = 0;
    while (i < count) {
        int32_t node = self->tok_node[i];
        if (node < 0) {
            i++;
            continue;
        }
        int32_t best = self->node_pattern[node];
        Py_ssize_t best_end = i + 1, j = i + 1;
        while (j < count) {
            node = child_of(self, node, cls[j]);
            if (node < 0) break;
            j++;
            if (self->node_pattern[node] >= 0) {
                best = self->node_pattern[node];
                best_end = j;
            }
        }
        if (best < 0) {
            i++;
            continue;
        }
        if (hits == cap) {
            cap *= 2;
            int64_t *grown = PyMem_Realloc(out, cap * 4 * sizeof(int64_t));
            if (!grown) {
                PyMem_Free(out);
                return PyErr_NoMemory();
            }
            out = grown;
        }
        Py_ssize_t start = self->tok_start[i];
        if (i && cls[i - 1] == ARTICLE_CLASS && article_joins(self->tok_flags[i - 1], self->tok_flags[i]))
            start = self->tok_start[i - 1]; /* the hit starts at its article (al-Nayrab) */
        int64_t words = 1;
        if (best_end - i > 1) {
            words = best_end - i;
            for (Py_ssize_t k = i; k < best_end; k++) words -= cls[k] == ARTICLE_CLASS;
        }
        int64_t *record = out + 4 * hits++;
        record[0] = best;
        record[1] = start;
        record[2] = self->tok_end[best_end - 1];
        record[3] = words;
        i = best_end;
    }
    PyObject *result = PyBytes_FromStringAndSize((const char *)out, (Py_ssize_t)(hits * 4 * sizeof(int64_t)));
    PyMem_Free(out);
    return result;
}

/* Build the trie from the sorted, NUL-terminated patterns. */
static int build_trie(Scanner *self, PyObject *patterns) {
    int kind = PyUnicode_KIND(patterns);
    const void *data = PyUnicode_DATA(patterns);
    Py_ssize_t n = PyUnicode_GET_LENGTH(patterns);
    if (n && PyUnicode_READ(kind, data, n - 1) != 0) {
        PyErr_SetString(PyExc_ValueError, "patterns must each end with NUL");
        return -1;
    }
    Py_UCS4 max_char = 0;
    Py_ssize_t longest = 0, run = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c == 0) {
            if (!run) {
                PyErr_SetString(PyExc_ValueError, "empty pattern");
                return -1;
            }
            if (run > longest) longest = run;
            run = 0;
        } else {
            if (c > max_char) max_char = c;
            run++;
        }
    }
    if (n > INT32_MAX) {
        PyErr_SetString(PyExc_ValueError, "too many patterns");
        return -1;
    }
    self->root_size = (size_t)max_char + 1;
    self->root = PyMem_Malloc(self->root_size * sizeof(int32_t));
    size_t max_nodes = (size_t)n + 1;
    int32_t *parent = PyMem_Malloc(max_nodes * sizeof(int32_t));
    uint32_t *node_class = PyMem_Malloc(max_nodes * sizeof(uint32_t));
    self->node_pattern = PyMem_Malloc(max_nodes * sizeof(int32_t));
    int32_t *path = PyMem_Malloc(((size_t)longest + 1) * sizeof(int32_t));
    if (!self->root || !parent || !node_class || !self->node_pattern || !path) {
        PyMem_Free(parent);
        PyMem_Free(node_class);
        PyMem_Free(path);
        PyErr_NoMemory();
        return -1;
    }
    for (size_t c = 0; c < self->root_size; c++) self->root[c] = -1;
    size_t nodes = 0;
    Py_ssize_t prev = -1, prev_len = 0, pattern = 0, start = 0;
    int ok = 1;
    while (start < n) {
        Py_ssize_t len = 0;
        while (PyUnicode_READ(kind, data, start + len) != 0) len++;
        Py_ssize_t common = 0;
        if (prev >= 0) {
            while (common < len && common < prev_len &&
                   PyUnicode_READ(kind, data, start + common) == PyUnicode_READ(kind, data, prev + common))
                common++;
            if (common == len || (common < prev_len &&
                                  PyUnicode_READ(kind, data, start + common) < PyUnicode_READ(kind, data, prev + common))) {
                ok = 0; /* not strictly increasing */
                break;
            }
        }
        for (Py_ssize_t d = common; d < len; d++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, start + d);
            int32_t node = (int32_t)nodes++;
            parent[node] = d ? path[d - 1] : -1;
            node_class[node] = c;
            self->node_pattern[node] = -1;
            if (!d) self->root[c] = node;
            path[d] = node;
        }
        self->node_pattern[path[len - 1]] = (int32_t)pattern++;
        prev = start;
        prev_len = len;
        start += len + 1;
    }
    PyMem_Free(path);
    if (!ok) {
        PyMem_Free(parent);
        PyMem_Free(node_class);
        PyErr_SetString(PyExc_ValueError, "patterns are not sorted and distinct");
        return -1;
    }
    self->nodes = nodes;
    self->child_start = PyMem_Calloc(nodes + 2, sizeof(int32_t));
    self->child_class = PyMem_Malloc((nodes + 1) * sizeof(uint32_t));
    self->child_node = PyMem_Malloc((nodes + 1) * sizeof(int32_t));
    if (!self->child_start || !self->child_class || !self->child_node) {
        PyMem_Free(parent);
        PyMem_Free(node_class);
        PyErr_NoMemory();
        return -1;
    }
    /* children grouped by parent, in creation order: sorted by class, since the patterns are */
    for (size_t v = 0; v < nodes; v++)
        if (parent[v] >= 0) self->child_start[parent[v] + 2]++;
    for (size_t v = 0; v < nodes; v++) self->child_start[v + 2] += self->child_start[v + 1];
    for (size_t v = 0; v < nodes; v++) {
        if (parent[v] < 0) continue;
        int32_t slot = self->child_start[parent[v] + 1]++;
        self->child_class[slot] = node_class[v];
        self->child_node[slot] = (int32_t)v;
    }
    PyMem_Free(parent);
    PyMem_Free(node_class);
    return 0;
}

static int Scanner_init(Scanner *self, PyObject *args, PyObject *kwds) {
    static char *keywords[] = {"patterns", "classify", "max_tokens", NULL};
    PyObject *patterns, *classify;
    Py_ssize_t max_tokens;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "UOn", keywords, &patterns, &classify, &max_tokens)) return -1;
    if (self->root) {
        PyErr_SetString(PyExc_RuntimeError, "Scanner already initialised");
        return -1;
    }
    if (!PyCallable_Check(classify) || max_tokens < 1) {
        PyErr_SetString(PyExc_ValueError, "classify must be callable and max_tokens positive");
        return -1;
    }
    Py_INCREF(classify);
    self->classify = classify;
    self->max_tokens = (size_t)max_tokens;
    if (reset_table(self, 1024) < 0) return -1;
    return build_trie(self, patterns);
}

static int Scanner_traverse(Scanner *self, visitproc visit, void *arg) {
    Py_VISIT(self->classify);
    return 0;
}

static int Scanner_clear(Scanner *self) {
    Py_CLEAR(self->classify);
    return 0;
}

static void Scanner_dealloc(Scanner *self) {
    PyObject_GC_UnTrack(self);
    Scanner_clear(self);
    free_table(self);
    PyMem_Free(self->root);
    PyMem_Free(self->child_start);
    PyMem_Free(self->child_class);
    PyMem_Free(self->child_node);
    PyMem_Free(self->node_pattern);
    PyMem_Free(self->tok_cls);
    PyMem_Free(self->tok_flags);
    PyMem_Free(self->tok_node);
    PyMem_Free(self->tok_hash);
    PyMem_Free(self->tok_start);
    PyMem_Free(self->tok_end);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *Scanner_get_nodes(Scanner *self, void *closure) { return PyLong_FromSize_t(self->nodes); }

static PyMethodDef Scanner_methods[] = {
    {"scan", (PyCFunction)Scanner_scan, METH_O,
     "scan(text) -> bytes: int64 records (pattern, start, end, words) of the leftmost-longest names."},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef Scanner_getset[] = {
    {"nodes", (getter)Scanner_get_nodes, NULL, "Trie nodes.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyTypeObject ScannerType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "frontlines.gazetteer._scan.Scanner",
    .tp_basicsize = sizeof(Scanner),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "Tokens, their classes and the leftmost-longest names of a text, in one native pass.",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Scanner_init,
    .tp_dealloc = (destructor)Scanner_dealloc,
    .tp_traverse = (traverseproc)Scanner_traverse,
    .tp_clear = (inquiry)Scanner_clear,
    .tp_methods = Scanner_methods,
    .tp_getset = Scanner_getset,
};

static struct PyModuleDef scan_module = {
    PyModuleDef_HEAD_INIT, "_scan", "The name index's native scan.", -1, NULL, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__scan(void) {
    for (Py_UCS4 c = 0; c < 256; c++) latin1_alnum[c] = Py_UNICODE_ISALNUM(c) ? 1 : 0;
    if (PyType_Ready(&ScannerType) < 0) return NULL;
    PyObject *module = PyModule_Create(&scan_module);
    if (!module) return NULL;
    Py_INCREF(&ScannerType);
    if (PyModule_AddObject(module, "Scanner", (PyObject *)&ScannerType) < 0) {
        Py_DECREF(&ScannerType);
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
