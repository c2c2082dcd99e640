import Hummingbird; import ArgumentParser; import Configuration; import CryptoExtras; import MQHTTP; print("x")
