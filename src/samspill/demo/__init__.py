"""The demo hub: `samspill demo` builds a hub with the content of the source documents (the music
offices' knowledge bank, Mustech Norway's and Musikmetropolen's events, the network, the surveys,
the projects) so that the product can be tried and walked.

One module per capability (`samspill.demo.<capability>`) builds that capability's part through
its services; the texts, people and organisations it uses are data in `samspill/demo/data/*.json`.
`samspill.demo.builders` knows the order. The feature apps know nothing of the demo.
"""
