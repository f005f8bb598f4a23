"""The offline router: without a language model, pick the tool from the utterance, fill its arguments, render
the answer."""
