/**
 * Which serialization format, from two questions (scikit-learn's model persistence guide,
 * https://scikit-learn.org/stable/model_persistence.html): do you need the Python object back,
 * and do you trust the source of the file? Chapter 1's "Choosing a format" section is the prose
 * version of this table; each answer carries the reason and the formats it rules out, with why.
 */

/** What the reader needs from the saved model. */
export type Need = 'predictions' | 'object' | 'weights';

/** Where the file to be loaded comes from. */
export type Source = 'trusted' | 'untrusted';

/** A format ruled out for this pair of answers, and why. */
export interface RuledOut {
  format: string;
  why: string;
}

/** One recommendation: the format, how to save and load it, why, and what still to watch. */
export interface FormatChoice {
  need: Need;
  source: Source;
  format: string;
  /** Save and load calls, one per line, as a reader would type them. */
  calls: readonly string[];
  reason: string;
  caveat: string;
  ruledOut: readonly RuledOut[];
}

/** The first question's answers, in the order the widget lists them. */
export const NEEDS: readonly { value: Need; label: string }[] = [
  { value: 'predictions', label: 'Only its predictions' },
  { value: 'object', label: 'The Python object back (inspect it, refit it, call its methods)' },
  { value: 'weights', label: "A neural network's weights" },
];

/** The second question's answers. */
export const SOURCES: readonly { value: Source; label: string }[] = [
  { value: 'trusted', label: 'A source I trust completely (I wrote it, in my environment)' },
  { value: 'untrusted', label: 'Anyone else (a model hub, an attachment, a user upload)' },
];

const PICKLE_RUNS_CODE: RuledOut = {
  format: 'pickle, joblib',
  why: 'loading can execute arbitrary code: the file names functions for the unpickler to call',
};
const TORCH_LOAD_UNTRUSTED: RuledOut = {
  format: 'torch.load',
  why: 'even with weights_only=True (the default since PyTorch 2.6) it is an unpickler, and PyTorch says never to load untrusted data with it',
};
const ONNX_ONE_WAY: RuledOut = {
  format: 'ONNX',
  why: 'one-way: the estimator cannot be rebuilt from the graph',
};
const NOT_AN_OBJECT: RuledOut = {
  format: 'safetensors',
  why: 'tensors only: it cannot hold an estimator with its parameters and classes',
};

const CHOICES: Record<Need, Record<Source, Omit<FormatChoice, 'need' | 'source'>>> = {
  predictions: {
    trusted: {
      format: 'ONNX',
      calls: [
        'onx = skl2onnx.to_onnx(model, X[:1].astype(numpy.float32))',
        'onnxruntime.InferenceSession(onx.SerializeToString())',
      ],
      reason:
        'Any ONNX runtime serves it, in any language, without Python or scikit-learn; loading imports no code.',
      caveat:
        'One-way: keep the training code and data, since the estimator cannot be rebuilt from the file. Only models with a converter can be exported.',
      ruledOut: [
        {
          format: 'pickle, joblib, skops',
          why: 'they tie serving to Python and to the training versions of every library',
        },
      ],
    },
    untrusted: {
      format: 'ONNX, served in a sandbox',
      calls: [
        'onnxruntime.InferenceSession(path)  # in a process with CPU, memory and time limits',
      ],
      reason:
        'An ONNX file cannot import a module or call a function outside its operators, so it is the most secure of these formats.',
      caveat:
        'Its operators can still express arbitrary computation and huge allocations; scikit-learn recommends a sandbox against computational and memory exploits.',
      ruledOut: [PICKLE_RUNS_CODE],
    },
  },
  object: {
    trusted: {
      format: 'pickle with protocol 5 (or joblib)',
      calls: [
        'pickle.dump(model, file, protocol=5)  # model = pickle.load(file)',
        'joblib.dump(model, path)  # model = joblib.load(path, mmap_mode="r")',
      ],
      reason:
        'Native to Python and saves almost any object; protocol 5 handles large NumPy arrays efficiently, and joblib adds compression and memory mapping.',
      caveat:
        'Load it with the same library versions that saved it: scikit-learn warns with InconsistentVersionWarning, which a warnings filter can turn into an error.',
      ruledOut: [ONNX_ONE_WAY, NOT_AN_OBJECT],
    },
    untrusted: {
      format: 'skops.io',
      calls: [
        'unknown = skops.io.get_untrusted_types(file=path)',
        'skops.io.load(path, trusted=unknown)  # only after reading the list',
      ],
      reason:
        'It rebuilds the object without unpickling and builds only types it trusts by default or that you name.',
      caveat:
        'Read the untrusted types before passing them; keep skops updated (its trust checks have had advisories); it still needs the training versions.',
      ruledOut: [PICKLE_RUNS_CODE, ONNX_ONE_WAY],
    },
  },
  weights: {
    trusted: {
      format: 'safetensors (or torch.load with weights_only=True)',
      calls: [
        'safetensors.torch.save_file(model.state_dict(), path)',
        'model.load_state_dict(safetensors.torch.load_file(path))',
      ],
      reason:
        'A JSON header and raw tensor bytes: loading executes nothing. For your own checkpoints, torch.load defaults to weights_only=True since PyTorch 2.6.',
      caveat:
        'The file holds no architecture: your code builds the model and the file fills in its weights.',
      ruledOut: [
        {
          format: 'torch.load(weights_only=False)',
          why: 'full unpickling: only for checkpoints that hold more than tensors, from you',
        },
      ],
    },
    untrusted: {
      format: 'safetensors',
      calls: ['model.load_state_dict(safetensors.torch.load_file(path))'],
      reason:
        'A JSON header giving each tensor’s dtype, shape and byte offsets, then the bytes: loading parses JSON and copies bytes, and runs nothing from the file.',
      caveat:
        'The file holds no architecture: build the model from code you trust, then load the weights into it.',
      ruledOut: [PICKLE_RUNS_CODE, TORCH_LOAD_UNTRUSTED],
    },
  },
};

/** The recommendation for one pair of answers. */
export function chooseFormat(need: Need, source: Source): FormatChoice {
  return { need, source, ...CHOICES[need][source] };
}

/** A form value checked against the first question's answers; null for anything else. */
export function parseNeed(value: unknown): Need | null {
  return NEEDS.some((n) => n.value === value) ? (value as Need) : null;
}

/** A form value checked against the second question's answers; null for anything else. */
export function parseSource(value: unknown): Source | null {
  return SOURCES.some((s) => s.value === value) ? (value as Source) : null;
}
