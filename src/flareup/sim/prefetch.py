# mypy: disable-error-code="no-untyped-call"
# (numba's code-generation helpers are untyped.)
"""A software prefetch for numba kernels (LLVM's ``llvm.prefetch`` intrinsic).

The engine's kernels walk lists of agents (a day's event bucket, the day's new infections) and
touch each agent's entries in several per-agent arrays: at a million agents these are cache
misses, each waiting on memory in turn. Asking for the entries of an agent a few places ahead
in the list while the current one is processed lets those misses overlap (the list is known in
advance; nothing else changes). A prefetch is only a hint: results are unaffected.
"""

from __future__ import annotations

from typing import Any, cast

from llvmlite import ir
from numba.core import cgutils, types
from numba.extending import intrinsic


@intrinsic
def _prefetch(typingctx: Any, arr: Any, idx: Any) -> Any:
    """Hint that ``arr[idx]`` (1-d) or row ``idx`` of ``arr`` (2-d) will be read soon."""
    if not isinstance(arr, types.Array) or not isinstance(idx, types.Integer):
        return None
    sig = types.void(arr, idx)

    def codegen(context: Any, builder: Any, signature: Any, args: Any) -> Any:
        aryty = signature.args[0]
        ary = context.make_array(aryty)(context, builder, args[0])
        index = context.cast(builder, args[1], signature.args[1], types.intp)
        indices = [index] + [context.get_constant(types.intp, 0)] * (aryty.ndim - 1)
        ptr = cgutils.get_item_pointer(context, builder, aryty, ary, indices, wraparound=False)
        i8p = builder.bitcast(ptr, ir.IntType(8).as_pointer())
        i32 = ir.IntType(32)
        fnty = ir.FunctionType(ir.VoidType(), [i8p.type, i32, i32, i32])
        fn = cgutils.get_or_insert_function(builder.module, fnty, "llvm.prefetch.p0")
        # read (0), high temporal locality (3), data cache (1)
        builder.call(fn, [i8p, i32(0), i32(3), i32(1)])
        return context.get_dummy_value()

    return sig, codegen


#: ``prefetch(arr, idx)`` in a kernel (typed for mypy as a plain two-argument call).
prefetch = cast(Any, _prefetch)
