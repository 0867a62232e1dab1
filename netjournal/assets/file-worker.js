/* placeholder: the file:// worker shim is being written */
