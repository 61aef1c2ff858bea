/** A program that uses Weft as a library, from the module path. */
module example.consumer {
    requires dev.weft;
}
